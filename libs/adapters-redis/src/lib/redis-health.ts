import { RedisCommandError } from './redis-command.error';
import type { RedisConnection } from './redis-connection';

/** What a readiness probe reports about Redis. */
export interface RedisHealth {
  status: 'up' | 'down';
  /** Round-trip time of the PING, when it answered. */
  latencyMs?: number;
  /** Why it is down; never contains a password or a stored value. */
  error?: string;
}

/** PINGs Redis and reports `up` with the round-trip time, or `down` with the reason; never throws, never waits past `timeoutMs`. */
export async function redisHealth(connection: RedisConnection, timeoutMs = 1000): Promise<RedisHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to PING within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([connection.ping(), timeout]);
    return { status: 'up', latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    return { status: 'down', error: new RedisCommandError('ping', error).message };
  } finally {
    clearTimeout(timer);
  }
}
