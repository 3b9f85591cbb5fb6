// Child process, the floor for the Redis-backed Zenki route: a bare Fastify server that checks a bearer key, reads
// the token the API instance stored (the same key, the same value) with one ioredis GET per request, and answers
// the same token JSON. What the API does beyond it on that path is its overhead (decryption included, when on).
import Fastify from 'fastify';
import { bearerCheck, listenAndReport } from './baseline-kit.mjs';
import Redis from 'ioredis';

const { BENCH_API_KEY, REDIS_URL, TOKEN_KEY } = process.env;
const authorized = bearerCheck(BENCH_API_KEY);
const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
await redis.connect();

const app = Fastify({ logger: false });
app.post('/v1/zenki/access-tokens', async (req, reply) => {
  if (!authorized(req.headers.authorization)) {
    reply.code(401);
    return { title: 'Unauthorized' };
  }
  const stored = await redis.get(TOKEN_KEY);
  if (stored === null) {
    reply.code(503);
    return { title: 'No token in Redis' };
  }
  const token = JSON.parse(stored);
  reply.header('cache-control', 'no-store');
  reply.header('paytokens-account', 'default');
  return {
    account: 'default',
    accessToken: token.value,
    tokenType: token.tokenType,
    expiresIn: Math.max(0, Math.floor((token.expiresAt - Date.now()) / 1000)),
    expiresAt: new Date(token.expiresAt).toISOString(),
  };
});

await listenAndReport(app, async () => redis.disconnect());
