import { type DynamicModule, Module } from '@nestjs/common';
import {
  PAYTOKENS_REDIS_STORES,
  PaytokensRedisModule,
  type PaytokensRedisModuleOptions,
  type RedisStores,
} from '@paytokens/adapters-redis';
import type { LimitsConfig } from '../config/limits.config';
import type { RedisConfig, RedisTarget } from '../config/redis.config';
import { PersistenceStores } from './persistence-stores';

/**
 * Where access tokens and idempotency records live (global): Redis through PaytokensRedisModule when REDIS_URL or
 * REDIS_CLUSTER_NODES is set, so that every instance shares them (the module closes the connection on shutdown);
 * this process's memory otherwise.
 */
@Module({})
export class PersistenceModule {
  static forRoot(config: RedisConfig, limits: Pick<LimitsConfig, 'idempotencyMemoryMaxRecords'>): DynamicModule {
    if (!config.target) {
      const stores = PersistenceStores.memory(limits.idempotencyMemoryMaxRecords);
      return {
        module: PersistenceModule,
        global: true,
        providers: [{ provide: PersistenceStores, useValue: stores }],
        exports: [PersistenceStores],
      };
    }
    return {
      module: PersistenceModule,
      global: true,
      imports: [PaytokensRedisModule.forRoot(redisModuleOptions(config, config.target))],
      providers: [
        {
          provide: PersistenceStores,
          inject: [PAYTOKENS_REDIS_STORES],
          useFactory: (stores: RedisStores) => PersistenceStores.redis(stores, config.encryptionKeys),
        },
      ],
      exports: [PersistenceStores],
    };
  }
}

/** PaytokensRedisModule's options from the `redis` namespace. */
export function redisModuleOptions(config: RedisConfig, target: RedisTarget): PaytokensRedisModuleOptions {
  const where =
    target.kind === 'server'
      ? { url: target.url }
      : { clusterNodes: target.nodes, username: target.username, password: target.password, tls: target.tls };
  const encryption = config.encryptionKeys ? { keys: config.encryptionKeys } : undefined;
  return {
    ...where,
    keyPrefix: config.keyPrefix,
    commandTimeoutMs: config.commandTimeoutMs,
    startupWaitMs: config.startupWaitMs,
    encryption,
  };
}
