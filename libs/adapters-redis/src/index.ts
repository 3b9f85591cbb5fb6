// Public API of @paytokens/adapters-redis: the domain's AccessTokenCache and IdempotencyStore on Redis, and a Nest module for them.

/** Redis-backed AccessTokenCache with a cross-process fetch lock. */
export { RedisAccessTokenCache, type RedisAccessTokenCacheOptions } from './lib/redis-access-token-cache';
/** Redis-backed IdempotencyStore that fails closed when Redis is unreachable. */
export { RedisIdempotencyStore, type RedisIdempotencyStoreOptions } from './lib/redis-idempotency-store';
/** AccessTokenCache that falls back to an in-process cache while the primary (Redis) is down. */
export { FallbackAccessTokenCache, type FallbackAccessTokenCacheOptions } from './lib/fallback-access-token-cache';
/** Fail-fast ioredis client factory (single server or Cluster) and a wait for its first connection. */
export { createRedisConnection, waitForRedisReady, type RedisConnection, type RedisConnectionOptions } from './lib/redis-connection';
/** PING-based readiness check. */
export { redisHealth, type RedisHealth } from './lib/redis-health';
/** Masks the password in a Redis URL for logs. */
export { redactRedisUrl } from './lib/redact-redis-url';
/** The secret-free error every Redis failure of these adapters is reported as. */
export { RedisCommandError } from './lib/redis-command.error';
/** The framework-free bundle: one connection, both stores, degraded start, `health()` and `close()`. */
export {
  RedisStores,
  describeRedisTarget,
  type RedisAccountStores,
  type RedisEncryptionOptions,
  type RedisStoresHealth,
  type RedisStoresLogger,
  type RedisStoresOptions,
} from './lib/redis-stores';
/** The AES-256 key ring values are encrypted with (`id:base64,…`; the first encrypts, all decrypt), and its parse error. */
export { EncryptionKeyRing, EncryptionKeyRingError, type EncryptionKey } from './lib/encryption/encryption-key-ring';
/** A stored value that did not decrypt, and why (never the value). */
export { UnreadableValueError, type UnreadableReason } from './lib/encryption/aes-gcm-envelope';
/** The seam every stored value passes through: encrypted with a key ring, or in clear. */
export { ClearValueCodec, EncryptedValueCodec, type RedisValueCodec, type RedisValueKind } from './lib/encryption/redis-value-codec';
/** Counts (and logs once per kind) values that did not decrypt. */
export { UnreadableValueCounter } from './lib/encryption/unreadable-value-counter';
/** The Nest module for the Redis stores: `forRoot` / `forRootAsync`, closes the connection on shutdown. */
export { PaytokensRedisModule } from './nest/paytokens-redis.module';
/** Options and `forRoot` / `forRootAsync` argument types of PaytokensRedisModule. */
export type {
  PaytokensRedisForRootAsyncOptions,
  PaytokensRedisForRootOptions,
  PaytokensRedisModuleOptions,
  PaytokensRedisOptionsFactory,
} from './nest/paytokens-redis.module-definition';
/** Injection tokens of PaytokensRedisModule. */
export {
  PAYTOKENS_REDIS_ACCESS_TOKEN_CACHE,
  PAYTOKENS_REDIS_CONNECTION,
  PAYTOKENS_REDIS_IDEMPOTENCY_STORE,
  PAYTOKENS_REDIS_MODULE_OPTIONS,
  PAYTOKENS_REDIS_STORES,
} from './nest/paytokens-redis.constants';
/** `Inject…` helpers for PaytokensRedisModule's tokens. */
export {
  InjectRedisAccessTokenCache,
  InjectRedisConnection,
  InjectRedisIdempotencyStore,
  InjectRedisStores,
} from './nest/paytokens-redis.decorators';
