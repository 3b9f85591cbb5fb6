import { ConfigurableModuleBuilder, type ConfigurableModuleOptionsFactory } from '@nestjs/common';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import type { ZenkiModuleOptions } from '../lib/zenki-options';
import { accountProviders, type ZenkiRegistration } from './zenki.account-providers';

/** The generated base of ZenkiModule: `forRoot` / `forRootAsync`, plus the extras `account`, `isGlobal` and `bindDomainPorts`. */
export const {
  ConfigurableModuleClass: ZenkiConfigurableModule,
  MODULE_OPTIONS_TOKEN: ZENKI_MODULE_OPTIONS,
  OPTIONS_TYPE: ZENKI_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: ZENKI_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<Omit<ZenkiModuleOptions, 'account'>>({ moduleName: 'Zenki' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createZenkiOptions')
  .setExtras<ZenkiRegistration>({ isGlobal: false, account: DEFAULT_ACCOUNT, bindDomainPorts: false }, accountProviders)
  .build();

/** What `ZenkiModule.forRoot` accepts: the options plus `account`, `isGlobal`, `bindDomainPorts`. */
export type ZenkiForRootOptions = typeof ZENKI_OPTIONS_TYPE;
/** What `ZenkiModule.forRootAsync` accepts: `account`, `imports`, `inject`, `useFactory` | `useClass` | `useExisting`, `isGlobal`, `bindDomainPorts`. */
export type ZenkiForRootAsyncOptions = typeof ZENKI_ASYNC_OPTIONS_TYPE;
/** A class `forRootAsync({ useClass })` can name: it implements `createZenkiOptions()`. */
export type ZenkiOptionsFactory = ConfigurableModuleOptionsFactory<Omit<ZenkiModuleOptions, 'account'>, 'createZenkiOptions'>;
