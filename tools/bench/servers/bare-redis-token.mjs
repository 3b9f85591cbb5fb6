// Child process, the floor for the Redis-backed Zenki route: a bare Fastify server that checks a bearer key, reads
// the token the API instance stored (the same key, the same value) with one ioredis GET per request, and answers
// the same token JSON. What the API does beyond it on that path is its overhead (decryption included, when on).
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import Redis from 'ioredis';

const { BENCH_API_KEY, REDIS_URL, TOKEN_KEY } = process.env;
const keyDigest = sha256(BENCH_API_KEY);
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
await redis.connect();

const app = Fastify({ logger: false });
app.post('/v1/zenki/access-tokens', async (req, reply) => {
  const presented = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (presented === undefined || !timingSafeEqual(sha256(presented), keyDigest)) {
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

await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address();

async function shutdown() {
  await app.close();
  redis.disconnect();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
process.once('disconnect', shutdown);

process.send({ type: 'ready', url: `http://127.0.0.1:${port}` });

function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}
