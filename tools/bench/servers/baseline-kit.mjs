// What the bench's baseline servers share: the bearer check the API does (hash the presented key, compare digests
// in constant time), the call to Klarna the pass-throughs make, and how a baseline child listens, reports ready to
// the bench and stops.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Pool } from 'undici';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** A check of `Authorization: Bearer <apiKey>`, as the API's key ring does it. */
export function bearerCheck(apiKey) {
  const keyIdOf = bearerKeyId(apiKey);
  return (authorization) => keyIdOf(authorization) !== undefined;
}

/** The key's id (a prefix of its digest, as the API logs it) for `Authorization: Bearer <apiKey>`, else undefined. */
export function bearerKeyId(apiKey) {
  const keyDigest = sha256(apiKey);
  const keyId = keyDigest.toString('hex').slice(0, 16);
  return (authorization) => {
    const presented = BEARER.exec(authorization ?? '')?.[1];
    return presented !== undefined && timingSafeEqual(sha256(presented), keyDigest) ? keyId : undefined;
  };
}

/**
 * Klarna as the API calls it: an undici pool with the adapter's defaults (16 keep-alive connections, 10 s per
 * phase), Basic auth, JSON both ways. `send(path, fields, headers)` posts `fields` renamed to Klarna's snake_case
 * and resolves with the status and the answer renamed back to camelCase.
 */
export function klarnaUpstream({ KLARNA_BASE_URL, KLARNA_USERNAME, KLARNA_PASSWORD }) {
  const basic = `Basic ${Buffer.from(`${KLARNA_USERNAME}:${KLARNA_PASSWORD}`, 'utf8').toString('base64')}`;
  const pool = new Pool(KLARNA_BASE_URL, { connections: 16, headersTimeout: 10_000, bodyTimeout: 10_000, keepAliveTimeout: 10_000 });
  return {
    async send(path, fields, headers, signal) {
      const upstream = await pool.request({
        method: 'POST',
        path,
        headers: {
          authorization: basic,
          accept: 'application/json',
          'content-type': 'application/json',
          'user-agent': 'paytokens-bench-baseline',
          ...headers,
        },
        body: JSON.stringify(toSnakeKeys(fields)),
        signal,
      });
      const answer = await upstream.body.json();
      return { status: upstream.statusCode, answer: renameKeys(answer, toCamel) };
    },
    close: () => pool.close(),
  };
}

/** `value` with every object key in Klarna's snake_case, deeply (`purchaseCountry` → `purchase_country`). */
export function toSnakeKeys(value) {
  return renameKeys(value, toSnake);
}

/** `value` with every object key renamed by `rename`, deeply. */
function renameKeys(value, rename) {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) out[rename(key)] = renameKeys(item, rename);
  return out;
}

function toSnake(key) {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function toCamel(key) {
  return key.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}

/** Listens on a free loopback port, tells the bench where, and on a signal or disconnect closes `app`, then `closeMore`. */
export async function listenAndReport(app, closeMore = async () => undefined) {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address();
  const shutdown = async () => {
    await app.close();
    await closeMore();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  process.once('disconnect', shutdown);
  process.send({ type: 'ready', url: `http://127.0.0.1:${port}` });
}

function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}
