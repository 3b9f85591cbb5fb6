import { Inject } from '@nestjs/common';
import {
  PAYTOKENS_REDIS_ACCESS_TOKEN_CACHE,
  PAYTOKENS_REDIS_CONNECTION,
  PAYTOKENS_REDIS_IDEMPOTENCY_STORE,
  PAYTOKENS_REDIS_STORES,
} from './paytokens-redis.constants';

/** Injects the {@link RedisStores} (connection, both stores, `health()`). */
export const InjectRedisStores = (): ParameterDecorator & PropertyDecorator => Inject(PAYTOKENS_REDIS_STORES);
/** Injects the fail-fast ioredis connection. */
export const InjectRedisConnection = (): ParameterDecorator & PropertyDecorator => Inject(PAYTOKENS_REDIS_CONNECTION);
/** Injects the shared `AccessTokenCache` (with its in-process fallback). */
export const InjectRedisAccessTokenCache = (): ParameterDecorator & PropertyDecorator => Inject(PAYTOKENS_REDIS_ACCESS_TOKEN_CACHE);
/** Injects the shared `IdempotencyStore`. */
export const InjectRedisIdempotencyStore = (): ParameterDecorator & PropertyDecorator => Inject(PAYTOKENS_REDIS_IDEMPOTENCY_STORE);
