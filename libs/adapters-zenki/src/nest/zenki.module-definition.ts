import { ConfigurableModuleBuilder, type ConfigurableModuleOptionsFactory } from '@nestjs/common';
import type { ZenkiModuleOptions } from '../lib/zenki-options';
import { ZENKI_MODULE_OPTIONS } from './zenki.constants';

/** The generated base class of ZenkiModule: `forRoot`, `forRootAsync` and the `isGlobal` extra. */
export const { ConfigurableModuleClass: ZenkiConfigurableModule, OPTIONS_TYPE: ZENKI_OPTIONS_TYPE, ASYNC_OPTIONS_TYPE: ZENKI_ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<ZenkiModuleOptions>({ optionsInjectionToken: ZENKI_MODULE_OPTIONS })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createZenkiOptions')
    .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
    .build();

/** What `ZenkiModule.forRoot` accepts: the options plus `isGlobal`. */
export type ZenkiForRootOptions = typeof ZENKI_OPTIONS_TYPE;
/** What `ZenkiModule.forRootAsync` accepts: `imports`, `inject`, `useFactory` | `useClass` | `useExisting`, `isGlobal`. */
export type ZenkiForRootAsyncOptions = typeof ZENKI_ASYNC_OPTIONS_TYPE;
/** A class `forRootAsync({ useClass })` can name: it implements `createZenkiOptions()`. */
export type ZenkiOptionsFactory = ConfigurableModuleOptionsFactory<ZenkiModuleOptions, 'createZenkiOptions'>;
