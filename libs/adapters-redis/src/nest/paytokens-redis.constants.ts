// Injection tokens of PaytokensRedisModule. Symbols, so no other module can collide on a string.

/** Token of the {@link PaytokensRedisModuleOptions} given to `forRoot` / `forRootAsync`. */
export const PAYTOKENS_REDIS_MODULE_OPTIONS = Symbol.for('paytokens.redis.ModuleOptions');
/** Token of the {@link RedisStores}: connection, both stores, `health()` and `close()`. */
export const PAYTOKENS_REDIS_STORES = Symbol.for('paytokens.redis.Stores');
/** Token of the fail-fast ioredis connection (a `Redis` or a `Cluster`). */
export const PAYTOKENS_REDIS_CONNECTION = Symbol.for('paytokens.redis.Connection');
/** Token of the shared `AccessTokenCache` (Redis, with an in-process fallback while Redis is down). */
export const PAYTOKENS_REDIS_ACCESS_TOKEN_CACHE = Symbol.for('paytokens.redis.AccessTokenCache');
/** Token of the shared `IdempotencyStore` (Redis; fails closed). */
export const PAYTOKENS_REDIS_IDEMPOTENCY_STORE = Symbol.for('paytokens.redis.IdempotencyStore');
