import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Environment } from '../../../src/config/environment';

const ROOT = resolve(__dirname, '../../../../..');
// Runs apps/api/src/main.ts from source, as `node dist/apps/api/main.js` runs it built: ts-node transpiles,
// and the workspace's path aliases resolve to the libraries' sources as in the Jest suites.
const BOOT = `
const path = require('node:path');
const Module = require('node:module');
const root = ${JSON.stringify(ROOT)};
Module.createRequire(path.join(root, 'package.json'))('ts-node').register({ transpileOnly: true, project: path.join(root, 'apps/api/tsconfig.spec.json') });
const paths = require(path.join(root, 'tsconfig.base.json')).compilerOptions.paths;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const mapped = paths[request];
  return resolveFilename.call(this, mapped ? path.join(root, mapped[0]) : request, ...rest);
};
require(path.join(root, 'apps/api/src/main.ts'));
`;

/** The API running in a child process, as in production: its own signals, its own exit. */
export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with its exit code (or signal) once it exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills it (SIGKILL) if still running, and removes its working folder. */
  dispose(): Promise<void>;
}

/** Starts the API in a child process with `env` (and nothing from this process's environment but PATH). */
export async function startAppProcess(env: Environment, startupLimitMs = 60_000): Promise<AppProcess> {
  const cwd = mkdtempSync(join(tmpdir(), 'paytokens-app-'));
  const child = spawn(process.execPath, ['-e', BOOT], {
    cwd,
    env: { PATH: process.env['PATH'], HOST: '127.0.0.1', PORT: '0', ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const dispose = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(cwd, { recursive: true, force: true });
  };
  const deadline = Date.now() + startupLimitMs;
  for (;;) {
    const url = /API listening on (http:\/\/\S+)/.exec(output)?.[1];
    if (url) return { url, child, output: () => output, exited, dispose };
    if (child.exitCode !== null || Date.now() > deadline) {
      await dispose();
      throw new Error(`the API process did not start: ${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
