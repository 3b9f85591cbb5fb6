import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { KlarnaModuleOptions } from './klarna-module-options';

/** The generated base of KlarnaModule: `forRoot(options)` and `forRootAsync({ useFactory | useClass | useExisting })`, plus `isGlobal`. */
export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } = new ConfigurableModuleBuilder<KlarnaModuleOptions>({
  moduleName: 'Klarna',
})
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
