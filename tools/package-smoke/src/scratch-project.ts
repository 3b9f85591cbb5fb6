// Helpers of the scratch-app test: run commands with a deadline, find the tarballs, set up a consumer project.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The workspace root (this file is tools/package-smoke/src/scratch-project.ts). */
export const workspaceRoot = resolve(__dirname, '../../..');
/** Where `npm run pack` writes the tarballs. */
export const packagesDir = join(workspaceRoot, 'dist/packages');
/** The published libraries, by folder under libs/. */
export const LIBRARIES = ['domain', 'provider-kit', 'adapters-klarna', 'adapters-zenki', 'adapters-redis'] as const;
/** One of {@link LIBRARIES}. */
export type Library = (typeof LIBRARIES)[number];

/** How a command ended. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in its own process group and kills the whole group at the deadline, so a hung install or
 * a server left open cannot outlive the test. Resolves in every case; the caller judges the result.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? consumerEnv(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, timedOut, stdout, stderr });
    });
  });
}

/** Runs a command and throws, with its output, unless it exits 0 before the deadline. */
export async function runOrThrow(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.timedOut || result.code !== 0) {
    const how = result.timedOut ? `did not finish within ${options.timeoutMs} ms` : `exited with ${result.code ?? result.signal}`;
    throw new Error(
      `${command} ${args.join(' ')} (in ${options.cwd}) ${how}\n--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`,
    );
  }
  return result;
}

function tail(text: string): string {
  return text.length > 6000 ? `...${text.slice(-6000)}` : text;
}

/**
 * The environment of a consumer's shell: this process's, without what `npm run` and Jest add (npm_* settings
 * such as the workspace's prefix, INIT_CWD, NODE_ENV=test), so npm in the scratch folder acts as it would there.
 */
export function consumerEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig']);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') && !keep.has(lower)) continue;
    if (['INIT_CWD', 'NODE_ENV', 'NODE_OPTIONS', 'NODE_PATH', 'JEST_WORKER_ID'].includes(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_UPDATE_NOTIFIER: '1' };
}

/** The version in a library's package.json. */
export function libraryVersion(library: Library): string {
  return (JSON.parse(readFileSync(join(workspaceRoot, 'libs', library, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The tarball `npm pack` writes for a library. */
export function tarballPath(library: Library): string {
  return join(packagesDir, `paytokens-${library}-${libraryVersion(library)}.tgz`);
}

/** Every file under a folder, as paths relative to it with '/' separators. */
export function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path, base);
    return [relative(base, path).split('\\').join('/')];
  });
}

function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    const mtime = stat.isDirectory()
      ? newestMtime(
          readdirSync(path)
            .filter((name) => name !== 'dist' && name !== 'node_modules')
            .map((name) => join(path, name)),
        )
      : stat.mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

/**
 * True when every tarball exists and is newer than everything it is made from (the libraries, the root
 * manifest and LICENSE, the pack script), so a re-run need not build and pack again.
 */
export function tarballsAreFresh(): boolean {
  const tarballs = LIBRARIES.map(tarballPath);
  if (!tarballs.every((path) => existsSync(path))) return false;
  const oldestTarball = Math.min(...tarballs.map((path) => statSync(path).mtimeMs));
  const inputs = [
    ...LIBRARIES.map((library) => join(workspaceRoot, 'libs', library)),
    join(workspaceRoot, 'package.json'),
    join(workspaceRoot, 'LICENSE'),
    join(workspaceRoot, 'tsconfig.base.json'),
    join(workspaceRoot, 'tools/scripts/pack.mjs'),
  ];
  return newestMtime(inputs) < oldestTarball;
}

/** The install command `npm run pack` prints for consumers (`pack.mjs --print-install`, for the tarballs in dist/packages). */
export async function printedInstallCommand(): Promise<string> {
  const { stdout } = await runOrThrow(process.execPath, [join(workspaceRoot, 'tools/scripts/pack.mjs'), '--print-install'], {
    cwd: workspaceRoot,
    timeoutMs: 30_000,
    env: process.env,
  });
  return stdout.trim();
}
