// Child process, baseline for the Zenki route: a bare Fastify server that checks a bearer key and answers
// the same token JSON as the API's warm cache, from one token fetched from the Zenki simulator at start.
// It is the floor for a Node HTTP service on this machine; anything the API does beyond it is its overhead.
import Fastify from 'fastify';
import { bearerCheck, listenAndReport } from './baseline-kit.mjs';
import { request } from 'undici';

const { BENCH_API_KEY, ZENKI_BASE_URL, ZENKI_CLIENT_ID, ZENKI_CLIENT_SECRET } = process.env;
const authorized = bearerCheck(BENCH_API_KEY);

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
  if (!authorized(req.headers.authorization)) {
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

await listenAndReport(app);
