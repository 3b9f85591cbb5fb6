import { ConfigurableModuleBuilder, type ConfigurableModuleOptionsFactory } from '@nestjs/common';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import type { KlarnaModuleOptions } from '../lib/klarna-options';
import { accountProviders, type KlarnaRegistration } from './klarna.account-providers';

/** The generated base of KlarnaModule: `forRoot` / `forRootAsync`, plus the extras `account`, `isGlobal` and `bindDomainPorts`. */
export const {
  ConfigurableModuleClass: KlarnaConfigurableModule,
  MODULE_OPTIONS_TOKEN: KLARNA_MODULE_OPTIONS,
  OPTIONS_TYPE: KLARNA_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: KLARNA_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<Omit<KlarnaModuleOptions, 'account'>>({ moduleName: 'Klarna' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createKlarnaOptions')
  .setExtras<KlarnaRegistration>({ isGlobal: false, account: DEFAULT_ACCOUNT, bindDomainPorts: false }, accountProviders)
  .build();

/** What `KlarnaModule.forRoot` accepts: the options plus `account`, `isGlobal`, `bindDomainPorts`. */
export type KlarnaForRootOptions = typeof KLARNA_OPTIONS_TYPE;
/** What `KlarnaModule.forRootAsync` accepts: `account`, `imports`, `inject`, `useFactory` | `useClass` | `useExisting`, `isGlobal`, `bindDomainPorts`. */
export type KlarnaForRootAsyncOptions = typeof KLARNA_ASYNC_OPTIONS_TYPE;
/** A class `forRootAsync({ useClass })` can name: it implements `createKlarnaOptions()`. */
export type KlarnaOptionsFactory = ConfigurableModuleOptionsFactory<Omit<KlarnaModuleOptions, 'account'>, 'createKlarnaOptions'>;
