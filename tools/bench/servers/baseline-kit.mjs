// What the bench's baseline servers share: the bearer check the API does (hash the presented key, compare digests
// in constant time) and how a baseline child listens, reports ready to the bench and stops.
import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** A check of `Authorization: Bearer <apiKey>`, as the API's key ring does it. */
export function bearerCheck(apiKey) {
  const keyDigest = sha256(apiKey);
  return (authorization) => {
    const presented = BEARER.exec(authorization ?? '')?.[1];
    return presented !== undefined && timingSafeEqual(sha256(presented), keyDigest);
  };
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
