import { randomBytes } from 'node:crypto';
import { AccessToken, type AccessTokenCache, type CacheLock } from '@paytokens/domain';
import { ClearValueCodec, storedKeyName, type RedisValueCodec } from './encryption/redis-value-codec';
import { UnreadableValueError } from './encryption/aes-gcm-envelope';
import { DELETE_IF_EQUALS } from './lua-script';
import { redisCall } from './redis-command.error';
import type { RedisConnection } from './redis-connection';

/** Options of {@link RedisAccessTokenCache}. */
export interface RedisAccessTokenCacheOptions {
  /** Put before `token:<key>` and `lock:<key>`, after the connection's own key prefix (default none). */
  prefix?: string;
  /** How values are stored: encrypted (RedisStores gives one when keys are configured) or in clear (the default). */
  codec?: RedisValueCodec;
}

/**
 * The {@link AccessTokenCache} shared by every API instance through Redis. Tokens are stored as JSON, through
 * the codec (encrypted when keys are configured), with a Redis expiry; the fetch lock is `SET NX PX` with a
 * random owner, released only by that owner. A value that does not decode is a miss. Any Redis failure rejects
 * with a {@link RedisCommandError}; wrap it in a FallbackAccessTokenCache to keep tokens flowing while Redis is down.
 */
export class RedisAccessTokenCache implements AccessTokenCache {
  private readonly prefix: string;
  private readonly codec: RedisValueCodec;

  constructor(
    private readonly connection: RedisConnection,
    options: RedisAccessTokenCacheOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    this.codec = options.codec ?? new ClearValueCodec();
  }

  async get(key: string): Promise<AccessToken | undefined> {
    const tokenKey = this.tokenKey(key);
    const stored = await redisCall('access-token-cache.get', () => this.connection.get(tokenKey));
    return stored === null ? undefined : this.readToken(tokenKey, stored);
  }

  async set(key: string, token: AccessToken, ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) return;
    const tokenKey = this.tokenKey(key);
    const value = this.codec.encode(this.nameOf(tokenKey), JSON.stringify(token.toRecord()));
    await redisCall('access-token-cache.set', () => this.connection.set(tokenKey, value, 'PX', wholeMs(ttlMs)));
  }

  async delete(key: string, expectedValue?: string): Promise<void> {
    const tokenKey = this.tokenKey(key);
    if (expectedValue === undefined) {
      await redisCall('access-token-cache.delete', () => this.connection.del(tokenKey));
      return;
    }
    // The stored form is encrypted, so the token is compared here and the exact stored value is compared-and-deleted:
    // if another instance wrote a new token in between, its value differs and survives.
    const stored = await redisCall('access-token-cache.delete', () => this.connection.get(tokenKey));
    if (stored === null || this.readToken(tokenKey, stored)?.value.reveal() !== expectedValue) return;
    await redisCall('access-token-cache.delete', () => DELETE_IF_EQUALS.run(this.connection, tokenKey, stored));
  }

  async tryLock(key: string, ttlMs: number): Promise<CacheLock | undefined> {
    if (!(ttlMs > 0)) throw new RangeError('A lock needs a positive ttlMs');
    const lockKey = this.lockKey(key);
    // The random owner goes through the codec like every value; the stored form itself is what release compares.
    const owner = this.codec.encode(this.nameOf(lockKey), randomBytes(16).toString('hex'));
    const taken = await redisCall('access-token-cache.lock', () => this.connection.set(lockKey, owner, 'PX', wholeMs(ttlMs), 'NX'));
    if (taken !== 'OK') return undefined;
    return {
      // Deletes only our own lock: once it expired and another process took it, that process keeps it.
      release: async () => {
        await redisCall('access-token-cache.unlock', () => DELETE_IF_EQUALS.run(this.connection, lockKey, owner));
      },
    };
  }

  /** The token in a stored value, or undefined (a miss, reported) when it does not decode or is not a token. */
  private readToken(tokenKey: string, stored: string): AccessToken | undefined {
    try {
      return AccessToken.fromRecord(JSON.parse(this.codec.decode(this.nameOf(tokenKey), stored)));
    } catch (error) {
      // Another key, tampered, truncated, or not ours: a miss, so the caller fetches a new token and overwrites it.
      this.codec.reportUnreadable('access-token', error instanceof UnreadableValueError ? error : new UnreadableValueError('malformed'));
      return undefined;
    }
  }

  private nameOf(key: string): string {
    return storedKeyName(this.connection.options.keyPrefix, key);
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
