import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisServerAvailable } from './private-redis-server';

/** The shared Redis the suites use: `REDIS_URL`, or the local default. */
export const redisTestUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const inCi = process.env.CI === 'true';

/**
 * `describe` when the shared test Redis answers. Otherwise, in CI the suite fails with the reason (the
 * Redis suites must run there); elsewhere it is skipped with a loud warning that says how to run it.
 */
export function describeWithRedis(name: string, suite: () => void): void {
  const problem = redisUnreachable(redisTestUrl);
  describeIf(name, suite, problem, `start one (redis-server --port 6379 --save '' --appendonly no) or set REDIS_URL`);
}

/** Like {@link describeWithRedis}, for suites that start their own redis-server. */
export function describeWithRedisServer(name: string, suite: () => void): void {
  const problem = redisServerAvailable() ? undefined : 'redis-server is not on PATH';
  describeIf(name, suite, problem, 'install Redis 7 (apt-get install redis-server)');
}

/** A key prefix of its own for each test file run, so suites sharing one Redis never meet: `paytokens-test:<random>:`. */
export function uniqueTestPrefix(): string {
  return `paytokens-test:${randomBytes(6).toString('hex')}:`;
}

/** A plain client of the test's own, to look at or clean up what the code under test stored; ready to use. */
export async function connectAdmin(url: string, keyPrefix = ''): Promise<Redis> {
  const admin = new Redis(url, { keyPrefix, lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000, commandTimeout: 5000 });
  await admin.connect();
  return admin;
}

/** Deletes every key under `prefix` (the full prefix, as stored in Redis). */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<void> {
  const admin = await connectAdmin(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await admin.quit();
  }
}

function describeIf(name: string, suite: () => void, problem: string | undefined, howTo: string): void {
  if (problem === undefined) {
    describe(name, suite);
  } else if (inCi) {
    describe(name, () => {
      it('has the Redis it needs', () => {
        throw new Error(`${problem}. The Redis suites must run in CI: ${howTo}.`);
      });
    });
  } else {
    console.warn(`\n!!! SKIPPING "${name}": ${problem}.\n!!! To run it, ${howTo}; in CI (CI=true) this suite fails instead.\n`);
    describe.skip(name, suite);
  }
}

// Synchronous, because Jest collects suites synchronously: a child process tries a PING.
const PROBE = `
const [url] = process.argv.slice(1);
const u = new URL(url);
const secure = u.protocol === 'rediss:';
const lib = require(secure ? 'node:tls' : 'node:net');
const socket = lib.connect({ host: u.hostname, port: Number(u.port || 6379), rejectUnauthorized: false, servername: u.hostname });
socket.setTimeout(1500, () => process.exit(2));
socket.on('error', () => process.exit(1));
socket.on(secure ? 'secureConnect' : 'connect', () => socket.write('PING\\r\\n'));
socket.on('data', () => process.exit(0));
`;

/** Why `url` cannot be reached, or `undefined` when a Redis answered there. Names only host and port: never credentials. */
function redisUnreachable(url: string): string | undefined {
  const result = spawnSync(process.execPath, ['-e', PROBE, url], { stdio: 'ignore', timeout: 4000 });
  return result.status === 0 ? undefined : `no Redis answers at ${hostAndPort(url)}`;
}

function hostAndPort(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'REDIS_URL (not a URL)';
  }
}
