import { ConfigurableModuleBuilder, type ConfigurableModuleOptionsFactory } from '@nestjs/common';
import type { RedisStoresOptions } from '../lib/redis-stores';
import { PAYTOKENS_REDIS_MODULE_OPTIONS } from './paytokens-redis.constants';

/** Options of PaytokensRedisModule: those of `RedisStores.connect` (without `logger`, a Nest Logger by default). */
export type PaytokensRedisModuleOptions = RedisStoresOptions;

/** The generated base of PaytokensRedisModule: `forRoot`, `forRootAsync`, and `isGlobal` (default true: one connection per app). */
export const {
  ConfigurableModuleClass: PaytokensRedisConfigurableModule,
  OPTIONS_TYPE: PAYTOKENS_REDIS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: PAYTOKENS_REDIS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<PaytokensRedisModuleOptions>({ optionsInjectionToken: PAYTOKENS_REDIS_MODULE_OPTIONS })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createPaytokensRedisOptions')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();

/** What `PaytokensRedisModule.forRoot` accepts: the options plus `isGlobal`. */
export type PaytokensRedisForRootOptions = typeof PAYTOKENS_REDIS_OPTIONS_TYPE;
/** What `PaytokensRedisModule.forRootAsync` accepts: `imports`, `inject`, `useFactory` | `useClass` | `useExisting`, `isGlobal`. */
export type PaytokensRedisForRootAsyncOptions = typeof PAYTOKENS_REDIS_ASYNC_OPTIONS_TYPE;
/** A class `forRootAsync({ useClass })` can name: it implements `createPaytokensRedisOptions()`. */
export type PaytokensRedisOptionsFactory = ConfigurableModuleOptionsFactory<PaytokensRedisModuleOptions, 'createPaytokensRedisOptions'>;
