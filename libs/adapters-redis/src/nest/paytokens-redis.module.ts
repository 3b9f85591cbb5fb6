import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { RedisStores } from '../lib/redis-stores';
import {
  PAYTOKENS_REDIS_ACCESS_TOKEN_CACHE,
  PAYTOKENS_REDIS_CONNECTION,
  PAYTOKENS_REDIS_IDEMPOTENCY_STORE,
  PAYTOKENS_REDIS_MODULE_OPTIONS,
  PAYTOKENS_REDIS_STORES,
} from './paytokens-redis.constants';
import { PaytokensRedisConfigurableModule, type PaytokensRedisModuleOptions } from './paytokens-redis.module-definition';

/**
 * The Redis stores for a Nest app: one connection, the shared access-token cache (in-process fallback while Redis
 * is down), the idempotency store. Starts degraded when Redis does not answer within `startupWaitMs` (logged) and
 * reconnects; closes the connection on application shutdown. Global by default.
 */
@Module({
  providers: [
    {
      provide: PAYTOKENS_REDIS_STORES,
      inject: [PAYTOKENS_REDIS_MODULE_OPTIONS],
      useFactory: (options: PaytokensRedisModuleOptions) => RedisStores.connect({ logger: new Logger('PaytokensRedisModule'), ...options }),
    },
    { provide: PAYTOKENS_REDIS_CONNECTION, inject: [PAYTOKENS_REDIS_STORES], useFactory: (stores: RedisStores) => stores.connection },
    {
      provide: PAYTOKENS_REDIS_ACCESS_TOKEN_CACHE,
      inject: [PAYTOKENS_REDIS_STORES],
      useFactory: (stores: RedisStores) => stores.tokenCache,
    },
    {
      provide: PAYTOKENS_REDIS_IDEMPOTENCY_STORE,
      inject: [PAYTOKENS_REDIS_STORES],
      useFactory: (stores: RedisStores) => stores.idempotencyStore,
    },
  ],
  exports: [PAYTOKENS_REDIS_STORES, PAYTOKENS_REDIS_CONNECTION, PAYTOKENS_REDIS_ACCESS_TOKEN_CACHE, PAYTOKENS_REDIS_IDEMPOTENCY_STORE],
})
export class PaytokensRedisModule extends PaytokensRedisConfigurableModule implements OnApplicationShutdown {
  constructor(@Inject(PAYTOKENS_REDIS_STORES) private readonly stores: RedisStores) {
    super();
  }

  /** After the HTTP server stopped taking requests: nothing needs Redis any more. */
  async onApplicationShutdown(): Promise<void> {
    await this.stores.close();
  }
}
