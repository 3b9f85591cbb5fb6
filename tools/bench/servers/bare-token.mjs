// Child process, baseline for the Zenki route: a bare Fastify server that checks a bearer key and answers
// the same token JSON as the API's warm cache, from one token fetched from the Zenki simulator at start.
// It is the floor for a Node HTTP service on this machine; anything the API does beyond it is its overhead.
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import { request } from 'undici';

const { BENCH_API_KEY, ZENKI_BASE_URL, ZENKI_CLIENT_ID, ZENKI_CLIENT_SECRET } = process.env;
const keyDigest = sha256(BENCH_API_KEY);
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const tokenResponse = await request(`${ZENKI_BASE_URL}/v1/oauth/tokens`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify({ clientId: ZENKI_CLIENT_ID, clientSecret: ZENKI_CLIENT_SECRET, grantType: 'client_credentials' }),
});
const issued = await tokenResponse.body.json();
if (tokenResponse.statusCode !== 200) throw new Error(`Zenki simulator answered ${tokenResponse.statusCode}`);
const token = { value: issued.accessToken, tokenType: issued.tokenType, expiresAt: Date.now() + issued.expiresIn * 1000 };

const app = Fastify({ logger: false });
app.post('/v1/zenki/access-tokens', async (req, reply) => {
  // The same check as the API's key ring: hash the presented key, compare digests in constant time.
  const presented = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (presented === undefined || !timingSafeEqual(sha256(presented), keyDigest)) {
    reply.code(401);
    return { title: 'Unauthorized' };
  }
  reply.header('cache-control', 'no-store');
  // The API names the account it used, in a header and in the body; the floor does the same.
  reply.header('paytokens-account', 'default');
  const now = Date.now();
  return {
    account: 'default',
    accessToken: token.value,
    tokenType: token.tokenType,
    expiresIn: Math.max(0, Math.floor((token.expiresAt - now) / 1000)),
    expiresAt: new Date(token.expiresAt).toISOString(),
  };
});

await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address();

async function shutdown() {
  await app.close();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
process.once('disconnect', shutdown);

process.send({ type: 'ready', url: `http://127.0.0.1:${port}` });

function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}
