// The libraries as a user outside this repository gets them: packed with `npm run pack`, installed from the
// tarballs into a scratch NestJS app in a temporary folder with the one command `npm run pack` prints and the
// READMEs tell consumers to run, with the peer dependencies from the registry.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { connectAdmin, deleteKeysWithPrefix, describeWithRedis, redisTestUrl, uniqueTestPrefix } from '@paytokens/testing';
import { ConsumerInstance } from './consumer-instance';
import { startPackagedSimulators, type PackagedSimulators } from './packaged-simulators';
import { installSecondDomainCopy, secondDomainVersion } from './second-domain-copy';
import {
  LIBRARIES,
  libraryVersion,
  listFiles,
  packagesDir,
  printedInstallCommand,
  run,
  runOrThrow,
  tarballPath,
  tarballsAreFresh,
  workspaceRoot,
  type Library,
} from './scratch-project';

const SETUP_TIMEOUT_MS = 9 * 60_000;
const INSTALL_TIMEOUT_MS = 5 * 60_000;
// The READMEs' commands run in a POSIX shell, as a consumer types them (the glob included).
const QUIET = '--no-audit --no-fund --loglevel=error';

/** What a consumer adds next to our packages, from the registry, on each NestJS major the peers allow. */
const NEST_LINES = [
  {
    nest: 11,
    dir: 'scratch-app-nest11',
    dependencies: { '@nestjs/common': '^11.0.0', '@nestjs/core': '^11.0.0', '@nestjs/config': '^4.0.0' },
  },
  // Nest 12 is ESM-only: our CommonJS packages load it through require(esm), which Node >= 20.19 has.
  {
    nest: 12,
    dir: 'scratch-app-nest12',
    dependencies: { '@nestjs/common': '^12.0.0', '@nestjs/core': '^12.0.0', '@nestjs/config': '^12.0.0' },
  },
] as const;
const SHARED_DEPENDENCIES = { 'reflect-metadata': '^0.2.0', rxjs: '^7.8.0' };
const CONSUMER_DEV_DEPENDENCIES = { typescript: '~5.9.0', '@types/node': '^20.19.0' };

// Only the manifest, README, LICENSE and compiled code with declarations and maps may reach a consumer.
const CONSUMER_FILE = /^(package\.json|README\.md|LICENSE|dist\/.+\.(js|d\.ts|js\.map))$/;
const NOT_FOR_CONSUMERS = /(\.(spec|e2e-spec|test)\.|(^|\/)(src|testing|test|fixtures?)\/|\.env|\.tsbuildinfo$)/;

interface ScratchAppResult {
  zenki: {
    tokenType: string;
    printed: string;
    printedHidesValue: boolean;
    valueLength: number;
    expiresInMs: number;
    secondCallSameToken: boolean;
    issuedBySimulator: number;
  };
  klarna: {
    tokenId: string;
    status: string;
    replayed: boolean;
    replayTokenId: string;
    replayReplayed: boolean;
    readTokenId: string;
    readStatus: string;
    ledger: { tokenId: string; status: string }[];
  };
  resolvedFrom: Record<string, string>;
}

let scratchRoot: string;
/** What `npm run pack` printed for consumers to run. */
let installCommand: string;
/** The NestJS 11 scratch app, where the checks that do not depend on the Nest major run. */
let app: string;
let domainOnly: string;
const appDir = (line: (typeof NEST_LINES)[number]) => join(scratchRoot, line.dir);

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function writeManifest(
  dir: string,
  name: string,
  dependencies: Record<string, string>,
  devDependencies: Record<string, string> = {},
): void {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name,
    version: '1.0.0',
    private: true,
    license: 'UNLICENSED',
    scripts: { build: 'tsc -p tsconfig.json' },
    dependencies,
    devDependencies,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Type-checks the fixture app with node10 resolution, then compiles it into dist/ with nodenext. Once per app. */
const compiled = new Map<string, Promise<unknown>>();
function compileFixture(dir: string): Promise<unknown> {
  if (!compiled.has(dir)) {
    const tsc = join(dir, 'node_modules/typescript/bin/tsc');
    compiled.set(
      dir,
      runOrThrow(process.execPath, [tsc, '-p', 'tsconfig.node10.json'], { cwd: dir, timeoutMs: 120_000 }).then(() =>
        runOrThrow(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, timeoutMs: 120_000 }),
      ),
    );
  }
  return compiled.get(dir)!;
}

beforeAll(async () => {
  if (process.env['PACKAGE_SMOKE_REPACK'] === '1' || !tarballsAreFresh()) {
    await runOrThrow(process.execPath, [join(workspaceRoot, 'tools/scripts/pack.mjs')], {
      cwd: workspaceRoot,
      timeoutMs: 4 * 60_000,
      env: process.env,
    });
  }

  scratchRoot = mkdtempSync(join(realpathSync(tmpdir()), 'paytokens-consumer-'));
  app = appDir(NEST_LINES[0]);
  domainOnly = join(scratchRoot, 'domain-only');

  // The consumer's app already has its Nest peers; our packages come in with the printed command, nothing else.
  installCommand = await printedInstallCommand();
  for (const line of NEST_LINES) {
    cpSync(join(__dirname, '../fixture'), appDir(line), { recursive: true });
    writeManifest(
      appDir(line),
      `paytokens-scratch-app-nest${line.nest}`,
      { ...line.dependencies, ...SHARED_DEPENDENCIES },
      CONSUMER_DEV_DEPENDENCIES,
    );
  }
  writeManifest(domainOnly, 'paytokens-domain-only', {});

  // No --legacy-peer-deps: npm itself must accept our peer ranges next to each Nest major.
  const shell = (cwd: string) => runOrThrow('sh', ['-c', `${installCommand} ${QUIET}`], { cwd, timeoutMs: INSTALL_TIMEOUT_MS });
  await Promise.all([
    ...NEST_LINES.map((line) => shell(appDir(line))),
    runOrThrow('sh', ['-c', `npm install ${packagesDir}/paytokens-domain-*.tgz ${QUIET}`], {
      cwd: domainOnly,
      timeoutMs: INSTALL_TIMEOUT_MS,
    }),
  ]);
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  if (scratchRoot && process.env['PACKAGE_SMOKE_KEEP'] !== '1') rmSync(scratchRoot, { recursive: true, force: true });
});

describe('the packed libraries in a scratch consumer project', () => {
  it('lives outside the workspace', () => {
    expect(scratchRoot.startsWith(realpathSync(workspaceRoot) + sep)).toBe(false);
  });

  it('is installed with the one command npm run pack prints: npm install with every tarball in dist/packages', () => {
    const tarballs = readdirSync(packagesDir)
      .filter((name) => name.endsWith('.tgz'))
      .sort();
    expect(tarballs).toEqual(LIBRARIES.map((library) => tarballPath(library).slice(packagesDir.length + 1)).sort());
    expect(installCommand).toBe(`npm install ${tarballs.map((name) => join(packagesDir, name)).join(' ')}`);
    const manifest = readJson<{ dependencies: Record<string, string> }>(join(app, 'package.json'));
    for (const library of LIBRARIES) expect(manifest.dependencies[`@paytokens/${library}`]).toMatch(/^file:.*\.tgz$/);
  });

  it('installs @paytokens/* from the tarballs, one copy each, not from the workspace', () => {
    const lock = readJson<{ packages: Record<string, { version?: string; resolved?: string; link?: boolean }> }>(
      join(app, 'package-lock.json'),
    );
    for (const library of LIBRARIES) {
      const entry = lock.packages[`node_modules/@paytokens/${library}`];
      expect(entry).toBeDefined();
      expect(entry.link).toBeUndefined();
      expect(entry.resolved).toMatch(/^file:.*\.tgz$/);
      expect(realpathSync(resolve(app, entry.resolved!.slice('file:'.length)))).toBe(realpathSync(tarballPath(library)));
      expect(entry.version).toBe(readJson<{ version: string }>(join(workspaceRoot, 'libs', library, 'package.json')).version);

      const installed = realpathSync(join(app, 'node_modules/@paytokens', library));
      expect(installed.startsWith(app + sep)).toBe(true);
    }
    // The printed command gives one copy of the domain; a consumer with two copies is the last describe below.
    const nestedPaytokens = Object.keys(lock.packages).filter((path) => /node_modules\/.+\/node_modules\/@paytokens\//.test(path));
    expect(nestedPaytokens).toEqual([]);
  });

  it.each(LIBRARIES)('@paytokens/%s ships only what a consumer needs, with README, LICENSE, declarations and maps', (library) => {
    const dir = join(app, 'node_modules/@paytokens', library);
    const files = listFiles(dir);
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts', 'dist/index.js.map']),
    );
    expect(files.filter((file) => !CONSUMER_FILE.test(file) || NOT_FOR_CONSUMERS.test(file))).toEqual([]);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(workspaceRoot, 'LICENSE'), 'utf8'));

    // Every compiled file has its declaration and a map that carries its TypeScript source.
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      expect(files).toContain(file.replace(/\.js$/, '.d.ts'));
      const map = readJson<{ sources: string[]; sourcesContent?: string[] }>(join(dir, `${file}.map`));
      expect(map.sourcesContent).toHaveLength(map.sources.length);
      expect(map.sourcesContent!.every((source) => source.length > 0)).toBe(true);
    }
  });

  it('declares its runtime dependencies and NestJS peers as a consumer sees them', () => {
    const manifest = (library: Library) =>
      readJson<{ dependencies?: Record<string, string>; peerDependencies?: Record<string, string> }>(
        join(app, 'node_modules/@paytokens', library, 'package.json'),
      );
    expect(manifest('domain').dependencies).toBeUndefined();
    expect(manifest('domain').peerDependencies).toBeUndefined();
    expect(Object.keys(manifest('provider-kit').dependencies ?? {}).sort()).toEqual(['@opentelemetry/api', 'cockatiel', 'undici']);
    expect(Object.keys(manifest('provider-kit').peerDependencies ?? {}).sort()).toEqual(['@paytokens/domain']);
    // The domain is a peer of every adapter: the app's one copy serves them all.
    for (const library of ['adapters-klarna', 'adapters-zenki'] as const) {
      expect(Object.keys(manifest(library).dependencies ?? {}).sort()).toEqual(['@paytokens/provider-kit']);
      expect(Object.keys(manifest(library).peerDependencies ?? {}).sort()).toEqual([
        '@nestjs/common',
        '@nestjs/core',
        '@nestjs/terminus',
        '@paytokens/domain',
        'reflect-metadata',
        'rxjs',
      ]);
    }
    // OpenTelemetry: the API only (no-ops until the app registers an SDK), never an SDK.
    expect(Object.keys(manifest('adapters-redis').dependencies ?? {}).sort()).toEqual(['@opentelemetry/api', 'ioredis']);
    expect(Object.keys(manifest('adapters-redis').peerDependencies ?? {}).sort()).toEqual([
      '@nestjs/common',
      '@nestjs/core',
      '@nestjs/terminus',
      '@paytokens/domain',
      'reflect-metadata',
      'rxjs',
    ]);
  });

  it('loads the Redis adapter and its Nest module without @nestjs/terminus, an optional peer only its /terminus entry needs', async () => {
    const script = `
      const redis = require('@paytokens/adapters-redis');
      const terminusLoaded = Object.keys(require.cache).some((p) => p.includes('/node_modules/@nestjs/terminus/'));
      let terminusEntry = 'loaded';
      try { require('@paytokens/adapters-redis/terminus'); } catch (error) { terminusEntry = error.code; }
      const names = ['RedisAccessTokenCache', 'RedisIdempotencyStore', 'createRedisConnection', 'PaytokensRedisModule', 'RedisStores'];
      console.log(JSON.stringify({ exports: names.map((n) => typeof redis[n]), terminusLoaded, terminusEntry }));`;
    const { stdout } = await runOrThrow(process.execPath, ['-e', script], { cwd: app, timeoutMs: 30_000 });
    expect(JSON.parse(stdout)).toEqual({ exports: Array(5).fill('function'), terminusLoaded: false, terminusEntry: 'MODULE_NOT_FOUND' });
  });

  it('lets a project use the domain alone: no dependencies, no NestJS', async () => {
    expect(
      listFiles(join(domainOnly, 'node_modules')).filter((f) => !f.startsWith('@paytokens/domain/') && f !== '.package-lock.json'),
    ).toEqual([]);
    const script = `
      const { Secret, CustomerTokenRequest, PaytokensError } = require('@paytokens/domain');
      let code;
      try { CustomerTokenRequest.create({ purchaseCountry: 'XX' }); } catch (error) { code = error instanceof PaytokensError && error.code; }
      let nest = true;
      try { require.resolve('@nestjs/common'); } catch { nest = false; }
      console.log(JSON.stringify({ printed: String(Secret.of('hunter2')), code, nest }));`;
    const { stdout } = await runOrThrow(process.execPath, ['-e', script], { cwd: domainOnly, timeoutMs: 30_000 });
    expect(JSON.parse(stdout)).toEqual({ printed: '[REDACTED]', code: 'VALIDATION_FAILED', nest: false });
  });
});

describe.each(NEST_LINES)('a scratch NestJS $nest app using the packages', (line) => {
  it('got that NestJS major from the registry', () => {
    for (const name of ['@nestjs/common', '@nestjs/core']) {
      const { version } = readJson<{ version: string }>(join(appDir(line), 'node_modules', name, 'package.json'));
      expect({ name, major: Number(version.split('.')[0]) }).toEqual({ name, major: line.nest });
    }
  });

  it(
    'type-checks the consumer app against the shipped declarations, with node10 and nodenext resolution',
    async () => {
      await compileFixture(appDir(line));
      expect(listFiles(join(appDir(line), 'dist'))).toEqual(
        expect.arrayContaining(['main.js', 'app.module.js', 'payment-tokens.service.js', 'instance.js']),
      );
    },
    5 * 60_000,
  );

  it('boots against the packaged simulators, gets a Zenki token and a Klarna customer token, and exits on its own', async () => {
    const result = await run(process.execPath, ['dist/main.js'], { cwd: appDir(line), timeoutMs: 60_000 });
    // Timing out here means a socket, pool or timer kept the process alive after app.close().
    expect({ timedOut: result.timedOut, code: result.code, stderr: result.stderr }).toEqual({ timedOut: false, code: 0, stderr: '' });
    const resultLine = result.stdout.split('\n').find((l) => l.startsWith('SCRATCH_APP_RESULT '));
    expect(resultLine).toBeDefined();
    const { zenki, klarna, resolvedFrom } = JSON.parse(resultLine!.slice('SCRATCH_APP_RESULT '.length)) as ScratchAppResult;

    expect(zenki.tokenType.toLowerCase()).toBe('bearer');
    expect(zenki.valueLength).toBeGreaterThan(0);
    expect(zenki.expiresInMs).toBeGreaterThan(60_000);
    expect(zenki.printed).toContain('[REDACTED]');
    expect(zenki.printedHidesValue).toBe(true);
    expect(zenki.secondCallSameToken).toBe(true);
    expect(zenki.issuedBySimulator).toBe(1);

    expect(klarna.tokenId).toMatch(/\S/);
    expect(klarna.status).toBe('ACTIVE');
    expect(klarna.replayed).toBe(false);
    expect([klarna.replayTokenId, klarna.replayReplayed]).toEqual([klarna.tokenId, true]);
    expect([klarna.readTokenId, klarna.readStatus]).toEqual([klarna.tokenId, 'ACTIVE']);
    expect(klarna.ledger).toEqual([{ tokenId: klarna.tokenId, status: 'ACTIVE' }]);

    for (const [name, path] of Object.entries(resolvedFrom)) {
      expect({ name, path: realpathSync(path).startsWith(join(appDir(line), 'node_modules', '@paytokens') + sep) }).toEqual({
        name,
        path: true,
      });
    }
  }, 90_000);
});

describe.each(NEST_LINES)('two instances of a scratch NestJS $nest app sharing state through PaytokensRedisModule', (line) => {
  describeWithRedis(`Nest ${line.nest}: the packaged Redis module with a real Redis`, () => {
    // A prefix of this run's own: the Redis at REDIS_URL is shared with other suites and engineers.
    const keyPrefix = uniqueTestPrefix();
    let simulators: PackagedSimulators;
    const instances: ConsumerInstance[] = [];

    beforeAll(async () => {
      await compileFixture(appDir(line));
      simulators = await startPackagedSimulators(appDir(line));
    }, 5 * 60_000);

    afterAll(async () => {
      for (const instance of instances) instance.kill();
      await simulators?.close();
      await deleteKeysWithPrefix(redisTestUrl, keyPrefix);
    });

    it('shares one Zenki token fetch and one idempotent Klarna customer token between two processes, which exit on their own', async () => {
      const env = { ...simulators.env, REDIS_URL: redisTestUrl, PAYTOKENS_REDIS_KEY_PREFIX: keyPrefix };
      const started = await Promise.all(['A', 'B'].map(() => ConsumerInstance.start(appDir(line), 'dist/instance.js', env)));
      instances.push(...started.map(({ instance }) => instance));
      const [a, b] = instances;
      for (const { ready } of started)
        expect(ready).toEqual({ ready: true, redis: { status: 'up', tokenCache: 'shared', idempotency: 'available' } });

      const tokenOfA = await a.request({ op: 'zenki' });
      const tokenOfB = await b.request({ op: 'zenki' });
      expect(tokenOfA.tokenSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(tokenOfB).toEqual(tokenOfA);
      expect(simulators.zenki.issuedCount).toBe(1);

      const { authorizationToken } = simulators.klarna.mintAuthorization();
      const order = { op: 'issue', authorizationToken, idempotencyKey: `scratch-shared-order-${keyPrefix}` };
      const fromA = await a.request(order);
      const fromB = await b.request(order);
      expect(fromA).toEqual({ tokenId: expect.stringMatching(/\S/), status: 'ACTIVE', replayed: false });
      expect(fromB).toEqual({ ...fromA, replayed: true });
      expect(simulators.klarna.ledger.map((entry) => entry.tokenId)).toEqual([fromA.tokenId]);

      // The records live in Redis under the consumer's prefix, not in either process.
      const admin = await connectAdmin(redisTestUrl);
      try {
        const keys = await admin.keys(`${keyPrefix}*`);
        expect(keys.some((key) => key.startsWith(`${keyPrefix}token:`))).toBe(true);
        expect(keys.some((key) => key.startsWith(`${keyPrefix}idem:`))).toBe(true);
      } finally {
        await admin.quit();
      }

      // Timing out here means the Redis connection or a pool kept a process alive after app.close().
      for (const instance of [a, b]) expect(await instance.stop()).toEqual({ code: 0, signal: null, stderr: '' });
    }, 120_000);
  });
});

describe('a scratch NestJS 11 app with a second copy of @paytokens/domain (a library of its own pins another release)', () => {
  let secondCopyApp: string;

  beforeAll(async () => {
    secondCopyApp = join(scratchRoot, 'scratch-app-second-domain');
    await installSecondDomainCopy(scratchRoot, app, secondCopyApp);
  }, INSTALL_TIMEOUT_MS);

  it("has two copies, as npm ls shows: the app's (the adapters' peer) and one nested under the library", async () => {
    const { stdout } = await runOrThrow('npm', ['ls', '@paytokens/domain', '--all', '--parseable', '--long'], {
      cwd: secondCopyApp,
      timeoutMs: 60_000,
    });
    // One line per installed copy, `<path>:<name>@<version>`; the adapters' peers are the app's copy, deduped.
    const copies = stdout
      .trim()
      .split('\n')
      .map((entry) => entry.split(':').slice(0, 2).join(' '))
      .sort();
    expect(copies).toEqual([
      `${join(secondCopyApp, 'node_modules/@paytokens/domain')} @paytokens/domain@${libraryVersion('domain')}`,
      `${join(secondCopyApp, 'node_modules/scratch-billing/node_modules/@paytokens/domain')} @paytokens/domain@${secondDomainVersion()}`,
    ]);
  });

  it("boots and injects by vendor-scoped tokens, takes the other copy's Secrets and requests, and its errors are recognised by code", async () => {
    const result = await runOrThrow(process.execPath, ['second-copy-consumer.js'], { cwd: secondCopyApp, timeoutMs: 60_000 });
    expect(result.stderr).toBe('');
    const resultLine = result.stdout.split('\n').find((l) => l.startsWith('SECOND_COPY_RESULT '));
    const seen = JSON.parse(resultLine!.slice('SECOND_COPY_RESULT '.length)) as SecondCopyResult;

    expect(realpathSync(seen.copies.billing)).toBe(
      realpathSync(join(secondCopyApp, 'node_modules/scratch-billing/node_modules/@paytokens/domain/dist/index.js')),
    );
    expect(seen.copies.sameSecretClass).toBe(false);

    // The simulators accept only the right password and client secret: the other copy's Secrets reached the wire.
    expect(seen.zenki.valueLength).toBeGreaterThan(0);
    expect(seen.zenki.issuedBySimulator).toBe(1);
    // A request built with the other copy's CustomerTokenRequest and Secret, issued through the adapter.
    expect(seen.klarna).toEqual({ status: 'ACTIVE', replayed: false, ledger: 1 });

    // The simulator's 404, mapped by the adapter to the app copy's NotFoundError, recognised by the other copy by code.
    expect(seen.notFound).toEqual({
      thrown: true,
      recognisedByOtherCopy: true,
      code: 'NOT_FOUND',
      isNotFoundCode: true,
      instanceOfOtherCopy: false,
      instanceOfAppCopy: true,
    });

    // The Redis adapter reads a Secret url from either copy (Secret.of recognises another copy's by its reveal()).
    expect(seen.redis).toEqual({ stringUrl: '127.0.0.1:6390', appCopySecretUrl: '127.0.0.1:6390', otherCopySecretUrl: '127.0.0.1:6390' });
  }, 90_000);
});

interface SecondCopyResult {
  copies: { billing: string; sameSecretClass: boolean };
  zenki: { valueLength: number; issuedBySimulator: number };
  klarna: { status: string; replayed: boolean; ledger: number };
  notFound: Record<string, unknown>;
  redis: { stringUrl: string; appCopySecretUrl: string; otherCopySecretUrl: string };
}
