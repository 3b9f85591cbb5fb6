import { randomBytes } from 'node:crypto';
import { AccessToken, type AccessTokenCache, type CacheLock } from '@paytokens/domain';
import { DELETE_IF_EQUALS, DELETE_IF_TOKEN_VALUE } from './lua-script';
import { redisCall } from './redis-command.error';
import type { RedisConnection } from './redis-connection';

/** Options of {@link RedisAccessTokenCache}. */
export interface RedisAccessTokenCacheOptions {
  /** Put before `token:<key>` and `lock:<key>`, after the connection's own key prefix (default none). */
  prefix?: string;
}

/**
 * The {@link AccessTokenCache} shared by every API instance through Redis. Tokens are stored as JSON
 * with a Redis expiry; the fetch lock is `SET NX PX` with a random owner, released only by that owner.
 * Any Redis failure rejects with a {@link RedisCommandError}; wrap it in a FallbackAccessTokenCache to
 * keep tokens flowing while Redis is down.
 */
export class RedisAccessTokenCache implements AccessTokenCache {
  private readonly prefix: string;

  constructor(
    private readonly connection: RedisConnection,
    options: RedisAccessTokenCacheOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
  }

  async get(key: string): Promise<AccessToken | undefined> {
    const stored = await redisCall('access-token-cache.get', () => this.connection.get(this.tokenKey(key)));
    if (stored === null) return undefined;
    try {
      return AccessToken.fromRecord(JSON.parse(stored));
    } catch {
      // Not ours or corrupted: a miss, so the caller fetches a new token and overwrites it.
      return undefined;
    }
  }

  async set(key: string, token: AccessToken, ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) return;
    const value = JSON.stringify(token.toRecord());
    await redisCall('access-token-cache.set', () => this.connection.set(this.tokenKey(key), value, 'PX', wholeMs(ttlMs)));
  }

  async delete(key: string, expectedValue?: string): Promise<void> {
    if (expectedValue === undefined) {
      await redisCall('access-token-cache.delete', () => this.connection.del(this.tokenKey(key)));
      return;
    }
    await redisCall('access-token-cache.delete', () => DELETE_IF_TOKEN_VALUE.run(this.connection, this.tokenKey(key), expectedValue));
  }

  async tryLock(key: string, ttlMs: number): Promise<CacheLock | undefined> {
    if (!(ttlMs > 0)) throw new RangeError('A lock needs a positive ttlMs');
    const lockKey = this.lockKey(key);
    const owner = randomBytes(16).toString('hex');
    const taken = await redisCall('access-token-cache.lock', () => this.connection.set(lockKey, owner, 'PX', wholeMs(ttlMs), 'NX'));
    if (taken !== 'OK') return undefined;
    return {
      // Deletes only our own lock: once it expired and another process took it, that process keeps it.
      release: async () => {
        await redisCall('access-token-cache.unlock', () => DELETE_IF_EQUALS.run(this.connection, lockKey, owner));
      },
    };
  }

  private tokenKey(key: string): string {
    return `${this.prefix}token:${key}`;
  }

  private lockKey(key: string): string {
    return `${this.prefix}lock:${key}`;
  }
}

/** Redis wants whole milliseconds; rounding up never shortens a lock or an entry to zero. */
function wholeMs(ms: number): number {
  return Math.ceil(ms);
}
