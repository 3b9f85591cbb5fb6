// Sets up a consumer with two copies of @paytokens/domain, the way npm really makes one: the app installs the
// packaged libraries, and a library of its own (`scratch-billing`) pins another release of the domain, which npm
// cannot share and so nests under that library.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOrThrow, tarballPath } from './scratch-project';

const QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

/** The version of the second copy: another release than the one the app and the adapters share. */
export function secondDomainVersion(): string {
  return `${(JSON.parse(readFileSync(join(__dirname, '../../../libs/domain/package.json'), 'utf8')) as { version: string }).version}-billing.1`;
}

/** Packs `dir` with npm into `destination` and returns the tarball's path. */
async function npmPack(dir: string, destination: string): Promise<string> {
  const { stdout } = await runOrThrow('npm', ['pack', '--ignore-scripts', '--pack-destination', destination, ...QUIET], {
    cwd: dir,
    timeoutMs: 60_000,
  });
  const lines = stdout.trim().split('\n');
  return join(destination, lines[lines.length - 1]);
}

/**
 * Copies the installed app `baseApp` to `appDir` and adds `scratch-billing`, a library that depends on its own
 * release of @paytokens/domain (the packaged domain, re-versioned). Returns nothing; `npm ls` tells the result.
 */
export async function installSecondDomainCopy(scratchRoot: string, baseApp: string, appDir: string): Promise<void> {
  const domainCopy = join(scratchRoot, 'domain-second-release');
  mkdirSync(domainCopy, { recursive: true });
  await runOrThrow('tar', ['-xzf', tarballPath('domain'), '-C', domainCopy, '--strip-components=1'], {
    cwd: scratchRoot,
    timeoutMs: 60_000,
  });
  const manifestPath = join(domainCopy, 'package.json');
  writeFileSync(
    manifestPath,
    JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), version: secondDomainVersion() }, null, 2),
  );
  const domainTarball = await npmPack(domainCopy, scratchRoot);

  const billing = join(scratchRoot, 'scratch-billing');
  mkdirSync(billing, { recursive: true });
  const manifest = {
    name: 'scratch-billing',
    version: '1.0.0',
    license: 'UNLICENSED',
    main: 'index.js',
    dependencies: { '@paytokens/domain': `file:${domainTarball}` },
  };
  writeFileSync(join(billing, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The library hands out its own copy of the domain, and where it loaded it from.
  writeFileSync(
    join(billing, 'index.js'),
    "exports.domain = require('@paytokens/domain');\nexports.domainEntry = require.resolve('@paytokens/domain');\n",
  );
  const billingTarball = await npmPack(billing, scratchRoot);

  // Relative links in node_modules/.bin stay as they are, so the copy does not point back into the base app.
  cpSync(baseApp, appDir, { recursive: true, verbatimSymlinks: true, filter: (source) => !source.startsWith(join(baseApp, 'dist')) });
  cpSync(join(__dirname, '../second-copy/second-copy-consumer.js'), join(appDir, 'second-copy-consumer.js'));
  await runOrThrow('npm', ['install', billingTarball, ...QUIET], { cwd: appDir, timeoutMs: 5 * 60_000 });
}
