// Child process, baseline for the Klarna routes: bare Fastify plus an undici pool that forwards the body
// (renamed to Klarna's snake_case) to the Klarna simulator with Basic auth, and maps the answer back. Three
// routes, as the API serves them: create a customer token, open a payment session, charge a token. The same
// upstream work as the API, none of its validation: the floor for a proxied call.
import Fastify from 'fastify';
import { bearerCheck, listenAndReport } from './baseline-kit.mjs';
import { Pool } from 'undici';

const { BENCH_API_KEY, KLARNA_BASE_URL, KLARNA_USERNAME, KLARNA_PASSWORD } = process.env;
const authorized = bearerCheck(BENCH_API_KEY);
const basic = `Basic ${Buffer.from(`${KLARNA_USERNAME}:${KLARNA_PASSWORD}`, 'utf8').toString('base64')}`;
// The adapter's defaults: 16 keep-alive connections, 10 s per call.
const pool = new Pool(KLARNA_BASE_URL, { connections: 16, headersTimeout: 10_000, bodyTimeout: 10_000, keepAliveTimeout: 10_000 });

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
app.post('/v1/klarna/customer-tokens', async (req, reply) => {
  const { authorizationToken, ...fields } = req.body ?? {};
  return forward(req, reply, `/payments/v1/authorizations/${encodeURIComponent(String(authorizationToken))}/customer-token`, fields);
});
app.post('/v1/klarna/sessions', async (req, reply) => forward(req, reply, '/payments/v1/sessions', req.body ?? {}));
app.post('/v1/klarna/customer-tokens/:tokenId/orders', async (req, reply) => {
  const key = req.headers['idempotency-key'];
  // Klarna's own idempotency key, as the API sends it (one per charge).
  return forward(
    req,
    reply,
    `/customer-token/v1/tokens/${encodeURIComponent(req.params.tokenId)}/order`,
    req.body ?? {},
    key ? { 'klarna-idempotency-key': String(key) } : {},
  );
});

/** Checks the bearer key, forwards `fields` to `path`, answers 201 with the camelCase answer and the account. */
async function forward(req, reply, path, fields, headers = {}) {
  if (!authorized(req.headers.authorization)) {
    reply.code(401);
    return { title: 'Unauthorized' };
  }
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
    body: JSON.stringify(renameKeys(fields, toSnake)),
  });
  const answer = await upstream.body.json();
  if (upstream.statusCode !== 200) {
    reply.code(502);
    return { title: 'Bad Gateway', upstreamStatus: upstream.statusCode };
  }
  reply.code(201);
  reply.header('cache-control', 'no-store');
  // The API names the account it used, in a header and in the body; the floor does the same.
  reply.header('paytokens-account', 'default');
  return { ...renameKeys(answer, toCamel), account: 'default' };
}

await listenAndReport(app, () => pool.close());

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
