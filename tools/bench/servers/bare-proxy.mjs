// Child process, baseline for the Klarna routes: bare Fastify plus an undici pool that forwards the body
// (renamed to Klarna's snake_case) to the Klarna simulator with Basic auth, and maps the answer back. Three
// routes, as the API serves them: create a customer token, open a payment session, charge a token. The same
// upstream work as the API, none of its validation: the floor for a proxied call.
import Fastify from 'fastify';
import { bearerCheck, klarnaUpstream, listenAndReport } from './baseline-kit.mjs';

const authorized = bearerCheck(process.env.BENCH_API_KEY);
const klarna = klarnaUpstream(process.env);

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
  const { status, answer } = await klarna.send(path, fields, headers);
  if (status !== 200) {
    reply.code(502);
    return { title: 'Bad Gateway', upstreamStatus: status };
  }
  reply.code(201);
  reply.header('cache-control', 'no-store');
  // The API names the account it used, in a header and in the body; the floor does the same.
  reply.header('paytokens-account', 'default');
  return { ...answer, account: 'default' };
}

await listenAndReport(app, () => klarna.close());
