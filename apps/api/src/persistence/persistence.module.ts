import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { limitsConfig, type LimitsConfig } from '../config/limits.config';
import { redisConfig, type RedisConfig } from '../config/redis.config';
import { PersistenceStores } from './persistence-stores';

/**
 * Where access tokens and idempotency records live (global): Redis when REDIS_URL or REDIS_CLUSTER_NODES is
 * set, so that every instance shares them; this process's memory otherwise. Closes the connection on shutdown.
 */
@Global()
@Module({
  providers: [
    {
      provide: PersistenceStores,
      inject: [redisConfig.KEY, limitsConfig.KEY],
      useFactory: (config: RedisConfig, limits: LimitsConfig): Promise<PersistenceStores> | PersistenceStores => {
        const { target } = config;
        return target ? PersistenceStores.connect({ ...config, target }, new Logger('Persistence')) : PersistenceStores.memory(limits.idempotencyMemoryMaxRecords);
      },
    },
  ],
  exports: [PersistenceStores],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(PersistenceStores) private readonly stores: PersistenceStores) {}

  /** After the HTTP server stopped taking requests: nothing needs Redis any more. */
  async onApplicationShutdown(): Promise<void> {
    await this.stores.close();
  }
}
