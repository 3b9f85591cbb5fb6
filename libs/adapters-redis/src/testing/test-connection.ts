import { createRedisConnection, waitForRedisReady, type RedisConnection } from '../lib/redis-connection';

/** A fail-fast connection (this library's own client, as the adapters get it), ready to use; errors are kept in `errors` instead of printed. */
export async function connectForTest(url: string, keyPrefix: string): Promise<RedisConnection & { errors: Error[] }> {
  const errors: Error[] = [];
  const connection = createRedisConnection({ url, keyPrefix, commandTimeoutMs: 1000, onError: (error) => errors.push(error) });
  await waitForRedisReady(connection, 5000);
  return Object.assign(connection, { errors });
}
