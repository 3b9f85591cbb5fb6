import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createZenki, type ZenkiServices } from '../lib/create-zenki';
import type { ZenkiModuleOptions } from '../lib/zenki-options';
import { ZENKI_ACCOUNT, ZENKI_SERVICES } from './zenki.constants';
import { ZENKI_MODULE_OPTIONS, ZenkiConfigurableModule } from './zenki.module-definition';

/**
 * Zenki access tokens for a Nest application, one registration per account:
 * `ZenkiModule.forRoot({ clientId, clientSecret })` (the account `default`), or
 * `ZenkiModule.forRoot({ account: 'mx', ... })` any number of times, and `forRootAsync({ account, useFactory, inject })`.
 * Inject with `@InjectZenkiAccessTokens('mx')` / `@InjectZenkiClient('mx')`; options are validated at start-up,
 * naming every bad field. The HTTP pool closes on application shutdown.
 */
@Module({
  providers: [
    // Validation runs here, so bad options stop start-up with an InvalidZenkiOptionsError naming every field.
    {
      provide: ZENKI_SERVICES,
      useFactory: (options: ZenkiModuleOptions, account: string) => createZenki({ ...options, account }),
      inject: [ZENKI_MODULE_OPTIONS, ZENKI_ACCOUNT],
    },
  ],
})
export class ZenkiModule extends ZenkiConfigurableModule implements OnApplicationShutdown {
  constructor(@Inject(ZENKI_SERVICES) private readonly services: ZenkiServices) {
    super();
  }

  /** Ends the account's HTTP pool once the application has stopped taking work. */
  async onApplicationShutdown(): Promise<void> {
    await this.services.close();
  }
}
