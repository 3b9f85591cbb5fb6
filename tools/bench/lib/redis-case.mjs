// The cold burst over two API instances sharing one Redis: the token must be fetched once in total.
// Runs only when the built app reads REDIS_URL and a Redis answers; otherwise says why it was skipped.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startApi } from './api.mjs';
import { burst } from './burst.mjs';

/** The bench's own Redis database: keys are cleared only there, and only under the app's prefix. */
export const BENCH_DB = 15;

function builtSourcesMention(dir, text) {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory() ? builtSourcesMention(path, text) : item.name.endsWith('.js') && readFileSync(path, 'utf8').includes(text))
      return true;
  }
  return false;
}

/** `url` pointed at database `db`. */
export function withDatabase(url, db) {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.href;
}

/** `url` without its password, for the report. */
export function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.href;
}

/** Deletes every key matching `pattern` (SCAN, never FLUSHDB: the Redis may be shared). */
export async function deleteKeys(client, pattern) {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** A fail-fast client of the bench's own Redis database, or undefined when nothing answers there. */
export async function connectBenchRedis(url) {
  const { default: Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch {
    client.disconnect();
    return undefined;
  }
}

/** Runs the two-instance burst, or resolves with `{ skipped: reason }`. */
export async function redisCase({ entry, apiKey, providers, stats, count, path, authorization }) {
  const dist = dirname(entry);
  if (!builtSourcesMention(dist, "'REDIS_URL'")) return { skipped: 'the built API does not read REDIS_URL' };
  const baseUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const url = withDatabase(baseUrl, BENCH_DB);
  const client = await connectBenchRedis(url);
  if (!client) return { skipped: `no Redis answers at ${redact(url)}` };

  // A prefix of its own when the app takes one; otherwise the app's default prefix, in the bench's database only.
  const ownPrefix = builtSourcesMention(dist, "'REDIS_KEY_PREFIX'") ? `paytokens-bench-${randomBytes(6).toString('hex')}:` : undefined;
  const pattern = `${ownPrefix ?? 'paytokens:'}*`;
  // Production refuses Redis without an encryption key; one random key, shared by both instances.
  const encryption = builtSourcesMention(dist, "'REDIS_ENCRYPTION_KEYS'")
    ? { REDIS_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}` }
    : {};
  const env = { REDIS_URL: url, ...(ownPrefix ? { REDIS_KEY_PREFIX: ownPrefix } : {}), ...encryption };
  const instances = [];
  try {
    await deleteKeys(client, pattern);
    // Started side by side (nothing is measured while they start); both must be up before the burst.
    const started = await Promise.allSettled(
      ['api-redis-a', 'api-redis-b'].map((name) => startApi({ entry, apiKey, providers, health: 'live', name, extraEnv: env })),
    );
    for (const outcome of started) if (outcome.status === 'fulfilled') instances.push(outcome.value);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    const before = await stats();
    const result = await burst(
      instances.map((instance) => ({ host: '127.0.0.1', port: instance.port })),
      { count, method: 'POST', path, headers: { Authorization: authorization } },
    );
    result.upstreamCalls = (await stats()).zenkiTokenRequests - before.zenkiTokenRequests;
    result.instances = instances.length;
    result.redis = redact(url);
    return result;
  } finally {
    await Promise.all(instances.map((instance) => instance.child.stop()));
    await deleteKeys(client, pattern).catch(() => undefined);
    client.disconnect();
  }
}
