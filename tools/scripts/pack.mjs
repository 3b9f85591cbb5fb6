// `npm run pack`: builds the publishable libraries and writes their npm tarballs into dist/packages, refusing any
// tarball that lacks what a consumer needs or holds what it must not (tests, sources, secrets, build leftovers).
//   node tools/scripts/pack.mjs             build, copy LICENSE, pack, check
//   node tools/scripts/pack.mjs --no-build  the same on the dist folders as they are
//   node tools/scripts/pack.mjs --dry-run   check and list each tarball's files without writing it
//   node tools/scripts/pack.mjs --print-install   only print the install command for the tarballs in dist/packages
// After packing it prints the one `npm install` command, with every tarball, that the READMEs tell consumers to run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The libraries published as @paytokens/<name>, in build order. */
export const LIBRARIES = ['domain', 'provider-kit', 'adapters-klarna', 'adapters-zenki', 'adapters-redis'];

const root = resolve(import.meta.dirname, '../..');
const destination = join(root, 'dist/packages');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// Only these may ship: the manifest, the README and LICENSE (shown on the registry page), compiled code,
// its declarations and source maps.
const ALLOWED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^dist\/.+\.(js|d\.ts|js\.map)$/];
const FORBIDDEN = [
  [/\.(spec|e2e-spec|test)\.[^/]+$/, 'a test file'],
  [/(^|\/)src\//, 'TypeScript sources (the maps embed them)'],
  [/(^|\/)(testing|test|tests|__tests__|__mocks__|fixtures?|__fixtures__)\//, 'test support or fixtures'],
  [/(^|\/)\.env(\.[^/]*)?$/, 'an environment file'],
  [/\.tsbuildinfo$/, 'TypeScript build info'],
  [/(^|\/)(\.npmrc|\.netrc|id_(rsa|dsa|ecdsa|ed25519)[^/]*)$/i, 'a credentials file'],
  [/\.(pem|key|p12|pfx|jks|keystore|crt)$/i, 'a key or certificate'],
  [/(secret|credential|password|token)s?\.(json|ya?ml|txt|ini|env|conf)$/i, 'a secret-looking file'],
];

function run(command, args, cwd) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}) in ${relative(root, cwd) || '.'}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Every file path an `exports` / `typesVersions` value names, './package.json' aside. */
function namedTargets(value) {
  if (typeof value === 'string') return value === './package.json' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(namedTargets);
  if (value && typeof value === 'object') return Object.values(value).flatMap(namedTargets);
  return [];
}

/** Bare package names the compiled code requires at run time (Node built-ins left out). */
function requiredPackages(libDir, files) {
  const builtins = new Set(builtinModules);
  const names = new Set();
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    // tsc writes imports as require("x"); a require the source writes itself (a lazy load) keeps its quotes.
    for (const [, , specifier] of readFileSync(join(libDir, file), 'utf8').matchAll(/require\((["'])([^"']+)\1\)/g)) {
      if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return names;
}

/** What is wrong with a library's tarball, given the files `npm pack` put in it; empty when nothing is. */
export function tarballProblems(name, files, rootManifest, versions) {
  const libDir = join(root, 'libs', name);
  const manifest = readJson(join(libDir, 'package.json'));
  const problems = [];
  const fileSet = new Set(files);

  for (const [key, expected] of Object.entries({ name: `@paytokens/${name}`, license: 'MIT' })) {
    if (manifest[key] !== expected)
      problems.push(`package.json ${key} is ${JSON.stringify(manifest[key])}, expected ${JSON.stringify(expected)}`);
  }
  if (manifest.private) problems.push('package.json says "private": true');
  for (const key of ['version', 'description', 'main', 'types', 'exports', 'files', 'repository']) {
    if (!manifest[key]) problems.push(`package.json has no "${key}"`);
  }

  const required = [
    'package.json',
    'README.md',
    'LICENSE',
    'dist/index.js',
    'dist/index.d.ts',
    manifest.main,
    manifest.types,
    ...namedTargets(manifest.exports),
    ...namedTargets(manifest.typesVersions),
  ];
  for (const file of new Set(required.filter(Boolean).map((f) => f.replace(/^\.\//, '')))) {
    if (!fileSet.has(file)) problems.push(`missing ${file}`);
  }
  for (const file of files) {
    const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(file));
    if (forbidden) problems.push(`${file} must not ship: ${forbidden[1]}`);
    else if (!ALLOWED.some((pattern) => pattern.test(file)))
      problems.push(`${file} is not something a consumer needs (only package.json, README.md, LICENSE and dist/**/*.{js,d.ts,js.map})`);
  }
  // Consumers' debuggers get the TypeScript through the maps, since src/ is not shipped.
  for (const file of files.filter((f) => f.endsWith('.js.map'))) {
    const map = readJson(join(libDir, file));
    if (
      !Array.isArray(map.sourcesContent) ||
      map.sourcesContent.length !== map.sources.length ||
      map.sourcesContent.some((s) => typeof s !== 'string')
    ) {
      problems.push(`${file} does not embed its sources (set inlineSources in tsconfig.lib.json)`);
    }
  }

  // Dependencies: exactly what the code requires, at the ranges the workspace installs and tests.
  const dependencies = manifest.dependencies ?? {};
  const peers = manifest.peerDependencies ?? {};
  const used = requiredPackages(libDir, files);
  for (const pkg of used) {
    if (!(pkg in dependencies) && !(pkg in peers))
      problems.push(`the code requires "${pkg}", which is neither a dependency nor a peer dependency`);
  }
  for (const [pkg, range] of Object.entries(dependencies)) {
    if (!used.has(pkg)) problems.push(`dependency "${pkg}" is never required by the code`);
    if (pkg.startsWith('@paytokens/')) {
      const sibling = pkg.slice('@paytokens/'.length);
      if (versions[sibling] !== undefined && range !== versions[sibling])
        problems.push(`dependency ${pkg} is "${range}", the workspace has ${versions[sibling]}`);
    } else {
      const rootRange = rootManifest.dependencies?.[pkg] ?? rootManifest.devDependencies?.[pkg];
      if (range !== rootRange) problems.push(`dependency ${pkg} is "${range}", the workspace installs and tests "${rootRange}"`);
    }
  }
  const usesNest = [...used].some((pkg) => pkg.startsWith('@nestjs/'));
  for (const peer of ['@nestjs/common', '@nestjs/core', 'reflect-metadata', 'rxjs']) {
    if (usesNest && !(peer in peers)) problems.push(`uses NestJS but has no peer dependency on ${peer}`);
    if (!usesNest && peer in peers) problems.push(`has a peer dependency on ${peer} but contains no NestJS code`);
  }
  return problems;
}

function packLibrary(name, { dryRun }) {
  const libDir = join(root, 'libs', name);
  copyFileSync(join(root, 'LICENSE'), join(libDir, 'LICENSE'));
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', destination, ...(dryRun ? ['--dry-run'] : [])];
  const [report] = JSON.parse(run(npm, args, libDir));
  return { name, report, tarball: join(destination, report.filename) };
}

/**
 * The one command that installs every tarball in dist/packages (the adapters need the domain, so they go in
 * together): absolute paths, so it works from any consumer project. The package smoke test runs exactly this.
 */
export function installCommand(dir = destination) {
  const tarballs = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.tgz'))
        .sort()
    : [];
  if (tarballs.length === 0) throw new Error(`no tarballs in ${relative(root, dir) || dir}: run npm run pack first`);
  return `npm install ${tarballs.map((name) => shellQuote(join(dir, name))).join(' ')}`;
}

function shellQuote(text) {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function main() {
  const argv = new Set(process.argv.slice(2));
  if (argv.has('--print-install')) {
    console.log(installCommand());
    return;
  }
  const dryRun = argv.has('--dry-run');
  if (!argv.has('--no-build')) {
    console.log(`Building ${LIBRARIES.join(', ')}...`);
    run(join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '-p', ...LIBRARIES, '--output-style=static'], root);
  }
  for (const name of LIBRARIES) {
    if (!existsSync(join(root, 'libs', name, 'dist/index.js')))
      throw new Error(`libs/${name}/dist/index.js is missing: build ${name} first`);
  }
  if (!dryRun) {
    rmSync(destination, { recursive: true, force: true });
    mkdirSync(destination, { recursive: true });
  }

  const rootManifest = readJson(join(root, 'package.json'));
  const versions = Object.fromEntries(LIBRARIES.map((name) => [name, readJson(join(root, 'libs', name, 'package.json')).version]));
  const failures = [];
  for (const name of LIBRARIES) {
    const { report, tarball } = packLibrary(name, { dryRun });
    const files = report.files.map((f) => f.path).sort();
    const problems = tarballProblems(name, files, rootManifest, versions);
    if (dryRun) console.log(`\n${report.id}: ${files.length} files, ${report.size} bytes packed\n${files.map((f) => `  ${f}`).join('\n')}`);
    else if (problems.length === 0) console.log(`${relative(root, tarball)}  (${files.length} files, ${report.size} bytes)`);
    if (problems.length > 0) {
      if (!dryRun) rmSync(tarball, { force: true });
      failures.push(`@paytokens/${name}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
  }
  if (failures.length > 0) {
    console.error(`\nnpm run pack: refused ${failures.length} tarball(s):\n${failures.join('\n')}`);
    process.exitCode = 1;
  } else if (!dryRun) {
    console.log(
      `\nInstall them in your project with this one command (every tarball: the adapters need the domain):\n\n  ${installCommand()}\n`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(`npm run pack: ${error.message}`);
    process.exitCode = 1;
  }
}
