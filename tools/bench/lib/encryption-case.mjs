// The cost of encryption at rest: the Redis-backed Zenki token path (every request reads the shared token from
// Redis and, encrypted, decrypts it) and an idempotent Klarna create on Redis (a claim and a stored record per
// request, encrypted or not), each on two API instances that differ only in REDIS_ENCRYPTION_KEYS. Both run with
// NODE_ENV unset (production refuses Redis without a key), in the bench's Redis database, under prefixes of their own.
// The Zenki path also has its floor: a bare Fastify server with one ioredis GET of the value the clear instance stored.
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApi } from './api.mjs';
import { KLARNA_BODY } from './bodies.mjs';
import { requestJson } from './http.mjs';
import { isValidRun, measureInTurns } from './load.mjs';
import { BENCH_DB, connectBenchRedis, deleteKeys, redact, withDatabase } from './redis-case.mjs';
import { startNode } from './children.mjs';
import { KLARNA_PATH, ZENKI_PATH } from './routes.mjs';

const ENVELOPE = /^v1\.bench\./;
const SIDES = ['clear', 'encrypted'];
const FLOOR_SERVER = join(dirname(fileURLToPath(import.meta.url)), '..', 'servers', 'bare-redis-token.mjs');

/** The paths this case measures, as the report names them. */
export const ENCRYPTION_PATHS = [
  { id: 'zenki-redis', label: 'Zenki token from Redis', route: `POST ${ZENKI_PATH}`, upstream: 'zenkiTokenRequests' },
  {
    id: 'klarna-idempotent',
    label: 'Klarna create, idempotent, on Redis',
    route: `POST ${KLARNA_PATH}` + ' with Idempotency-Key',
    upstream: 'klarnaCreates',
  },
];

/**
 * Measures both paths on a clear and an encrypted instance, in alternation (clear, encrypted, encrypted, clear);
 * resolves with `{ redis, paths: [{ id, label, route, clear, encrypted }], envelopes }` or `{ skipped: reason }`.
 * Anything that makes the figures wrong is pushed onto `problems`.
 */
export async function encryptionCase({ entry, apiKey, providers, stats, feed, settings, log, problems }) {
  const url = withDatabase(process.env.REDIS_URL || 'redis://127.0.0.1:6379', BENCH_DB);
  const client = await connectBenchRedis(url);
  if (!client) return { skipped: `no Redis answers at ${redact(url)}` };
  const run = randomBytes(6).toString('hex');
  const prefixes = { clear: `paytokens-bench-clear-${run}:`, encrypted: `paytokens-bench-enc-${run}:` };
  const key = `bench:${randomBytes(32).toString('base64')}`;
  const instances = {};
  let floor;
  try {
    // Started side by side (nothing is measured while they start).
    const started = await Promise.allSettled(
      SIDES.map((side) => {
        const extraEnv = {
          NODE_ENV: '',
          REDIS_URL: url,
          REDIS_KEY_PREFIX: prefixes[side],
          ...(side === 'encrypted' ? { REDIS_ENCRYPTION_KEYS: key } : {}),
        };
        return startApi({ entry, apiKey, providers, health: 'ready', name: `api-redis-${side}`, extraEnv });
      }),
    );
    SIDES.forEach((side, i) => {
      if (started[i].status === 'fulfilled') instances[side] = started[i].value;
    });
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    const paths = [];
    for (const path of ENCRYPTION_PATHS) {
      const targets = Object.fromEntries(SIDES.map((side) => [side, target(path, instances[side], apiKey, feed)]));
      for (const side of SIDES) await expectOk(targets[side], `${path.label} (${side})`);
      if (path.id === 'zenki-redis') {
        floor = await startFloor({ client, prefix: prefixes.clear, url, apiKey });
        targets.floor = floor.target;
        await expectOk(targets.floor, `${path.label} (floor)`);
      }
      const measured = await measureAlternating(targets, settings, stats, path.upstream);
      for (const side of Object.keys(measured)) {
        const figures = measured[side];
        log(
          `${path.label}, ${side}: ${figures.requestsPerSecond.toFixed(0)} req/s, p99 ${figures.p99Ms?.toFixed(2)} ms, CPU ${figures.cpuMicrosPerRequest?.toFixed(0)} µs/req, ${figures.upstreamCalls} upstream calls`,
        );
        if (!isValidRun(figures))
          problems.push(
            `${path.label} (${side}): ${figures.non2xx} non-2xx answers, ${figures.errors} errors, ${figures.timeouts} timeouts (${JSON.stringify(figures.statuses)})`,
          );
      }
      paths.push({ id: path.id, label: path.label, route: path.route, ...measured });
    }
    // What was measured must be what it claims: envelopes under the encrypted prefix, none under the clear one.
    const envelopes = { clear: await countEnvelopes(client, prefixes.clear), encrypted: await countEnvelopes(client, prefixes.encrypted) };
    if (envelopes.encrypted.envelopes !== envelopes.encrypted.sampled || envelopes.encrypted.sampled === 0)
      problems.push(
        `encryption case: ${envelopes.encrypted.sampled - envelopes.encrypted.envelopes} of ${envelopes.encrypted.sampled} values under the encrypted instance's prefix are not envelopes`,
      );
    if (envelopes.clear.envelopes !== 0)
      problems.push(`encryption case: ${envelopes.clear.envelopes} values under the clear instance's prefix are envelopes`);
    return { redis: redact(url), paths, envelopes };
  } finally {
    await Promise.all([...Object.values(instances).map((instance) => instance.child.stop()), floor?.child.stop()]);
    for (const prefix of Object.values(prefixes)) await deleteKeys(client, `${prefix}*`).catch(() => undefined);
    client.disconnect();
  }
}

/** The bare Fastify + ioredis floor, reading the token the clear instance stored (it has answered one request). */
async function startFloor({ client, prefix, url, apiKey }) {
  const [, keys] = await client.scan('0', 'MATCH', `${prefix}*token:*`, 'COUNT', 1000);
  if (keys.length !== 1) throw new Error(`expected one stored token under ${prefix}, found ${keys.length}`);
  const floor = startNode('bare-redis-token', FLOOR_SERVER, { env: { BENCH_API_KEY: apiKey, REDIS_URL: url, TOKEN_KEY: keys[0] } });
  const { url: floorUrl } = await floor.waitForMessage('ready');
  return {
    child: floor,
    target: { url: floorUrl, path: ZENKI_PATH, method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, pid: floor.pid },
  };
}

function target(path, instance, apiKey, feed) {
  const headers = { authorization: `Bearer ${apiKey}` };
  if (path.id === 'zenki-redis') return { url: instance.url, path: ZENKI_PATH, method: 'POST', headers, pid: instance.child.pid };
  return {
    url: instance.url,
    path: KLARNA_PATH,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    nextBody: () => JSON.stringify({ ...KLARNA_BODY, authorizationToken: feed.next() }),
    // A new key per request: each one claims, creates and stores a record (a replay would measure a read only).
    nextHeaders: () => ({ 'idempotency-key': `bench-${randomBytes(12).toString('base64url')}` }),
    pid: instance.child.pid,
  };
}

async function expectOk(t, name) {
  const answer = await requestJson(`${t.url}${t.path}`, {
    method: t.method,
    headers: { ...t.headers, ...t.nextHeaders?.() },
    body: t.nextBody ? JSON.parse(t.nextBody()) : undefined,
  });
  if (answer.status < 200 || answer.status > 299) throw new Error(`${name}: answered ${answer.status} before the load`);
}

/**
 * Every side warmed at once, then measured clear, encrypted, encrypted, clear (half the duration each), upstream
 * calls counted; with a floor, floor first and last (floor, clear, encrypted, encrypted, clear, floor).
 */
async function measureAlternating(targets, settings, stats, upstreamField) {
  const sides = Object.keys(targets);
  const upstream = Object.fromEntries(sides.map((side) => [side, 0]));
  const counted = async (side, work) => {
    const before = (await stats())[upstreamField];
    await work();
    upstream[side] += (await stats())[upstreamField] - before;
  };
  const order = ['clear', 'encrypted', 'encrypted', 'clear'];
  const measured = await measureInTurns(targets, targets.floor ? ['floor', ...order, 'floor'] : order, settings, counted);
  return Object.fromEntries(sides.map((side) => [side, { ...measured[side].toJSON(), upstreamCalls: upstream[side] }]));
}

/** Samples up to 200 values under `prefix` and counts the encryption envelopes among them. */
async function countEnvelopes(client, prefix) {
  const [, keys] = await client.scan('0', 'MATCH', `${prefix}*`, 'COUNT', 1000);
  const sample = keys.slice(0, 200);
  const values = sample.length === 0 ? [] : await client.mget(...sample);
  return { sampled: values.length, envelopes: values.filter((value) => ENVELOPE.test(value ?? '')).length };
}

/** The Markdown section of docs/BENCHMARKS.md for this case. */
export function encryptionMarkdown(encryption) {
  if (!encryption) return 'Not measured in this run (its results predate the case).';
  if (encryption.skipped) return `Skipped in this run: ${encryption.skipped}.`;
  const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
  const integer = (value) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');
  const signed = (value, digits, unit = '') => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}${unit}` : 'n/a');
  const lines = [
    '| Path | Instance | req/s | p99 ms | CPU µs/req | 2xx answers | upstream calls |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const SIDE_NAMES = {
    floor: 'floor: bare Fastify + one ioredis GET',
    clear: 'no key (values in clear)',
    encrypted: 'REDIS_ENCRYPTION_KEYS',
  };
  for (const path of encryption.paths) {
    for (const side of path.floor ? ['floor', ...SIDES] : SIDES) {
      const run = path[side];
      lines.push(
        `| ${path.label} | ${SIDE_NAMES[side]} | ${integer(run.requestsPerSecond)} | ${fixed(run.p99Ms, 2)} | ${integer(run.cpuMicrosPerRequest)} | ${integer(run.completed)} | ${integer(run.upstreamCalls)} |`,
      );
    }
    for (const side of path.floor ? SIDES : []) {
      const run = path[side];
      lines.push(
        `| ${path.label} | **${side} / floor** | ${fixed((100 * run.requestsPerSecond) / path.floor.requestsPerSecond, 0)} % | ${fixed(run.p99Ms / path.floor.p99Ms, 2)}× | ${fixed(run.cpuMicrosPerRequest / path.floor.cpuMicrosPerRequest, 2)}× |  |  |`,
      );
    }
    const { clear, encrypted } = path;
    lines.push(
      `| ${path.label} | **encryption delta** | ${signed((100 * encrypted.requestsPerSecond) / clear.requestsPerSecond - 100, 1, ' %')} | ${signed(encrypted.p99Ms - clear.p99Ms, 2)} | ${signed(encrypted.cpuMicrosPerRequest - clear.cpuMicrosPerRequest, 0)} |  |  |`,
    );
  }
  const { clear, encrypted } = encryption.envelopes;
  if (encryption.generatedAt) {
    const s = encryption.settings;
    lines.push(
      '',
      `Measured on its own by \`${encryption.command}\` at ${encryption.generatedAt} (${s.connections} connections, ${s.warmupS} s warm-up and ${s.durationS} s measured per instance and path; load average ${encryption.loadAverage.start.join(', ')} at the start, ${encryption.loadAverage.end.join(', ')} at the end), not in the full run above.${encryption.problems.length > 0 ? ` **Invalid:** ${encryption.problems.join('; ')}.` : ''}`,
    );
  }
  lines.push(
    '',
    `Redis: ${encryption.redis}. Check after the load: ${encrypted.envelopes} of ${encrypted.sampled} sampled values under the encrypted instance's prefix were envelopes (\`v1.bench.…\`), ${clear.envelopes} of ${clear.sampled} under the clear one's.`,
  );
  return lines.join('\n');
}
