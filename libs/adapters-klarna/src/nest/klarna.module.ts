import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createKlarna, type KlarnaServices } from '../lib/create-klarna';
import type { KlarnaModuleOptions } from '../lib/klarna-options';
import { KLARNA_ACCOUNT, KLARNA_SERVICES } from './klarna.constants';
import { KLARNA_MODULE_OPTIONS, KlarnaConfigurableModule } from './klarna.module-definition';

/**
 * Klarna customer tokens for a Nest application, one registration per account:
 * `KlarnaModule.forRoot({ username, password })` (the account `default`), or
 * `KlarnaModule.forRoot({ account: 'eu', ... })` any number of times, and `forRootAsync({ account, useFactory, inject })`.
 * Inject with `@InjectKlarnaCustomerTokens('eu')`; options are validated at start-up, naming every bad field.
 * The connection pool closes on application shutdown.
 */
@Module({
  providers: [
    // Validation runs here, so bad options stop start-up with an InvalidKlarnaOptionsError naming every field.
    {
      provide: KLARNA_SERVICES,
      useFactory: (options: KlarnaModuleOptions, account: string) => createKlarna({ ...options, account }),
      inject: [KLARNA_MODULE_OPTIONS, KLARNA_ACCOUNT],
    },
  ],
})
export class KlarnaModule extends KlarnaConfigurableModule implements OnApplicationShutdown {
  constructor(@Inject(KLARNA_SERVICES) private readonly services: KlarnaServices) {
    super();
  }

  /** Ends the account's connection pool once the application has stopped taking work. */
  async onApplicationShutdown(): Promise<void> {
    await this.services.close();
  }
}
