import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ACCESS_TOKEN_CACHE, ACCESS_TOKEN_ISSUER, GetAccessToken, InMemoryAccessTokenCache, SystemClock, type AccessTokenCache } from '@paytokens/domain';
import { createZenkiGetAccessToken } from '../lib/create-zenki';
import { ZenkiAccessTokenIssuer } from '../lib/zenki-access-token.issuer';
import { ZenkiHttp } from '../lib/zenki-http';
import { resolveZenkiOptions, type ResolvedZenkiOptions, type ZenkiModuleOptions } from '../lib/zenki-options';
import { ZenkiClient } from '../lib/zenki.client';
import { ZENKI_HTTP, ZENKI_MODULE_OPTIONS, ZENKI_RESOLVED_OPTIONS } from './zenki.constants';
import { ZenkiConfigurableModule } from './zenki.module-definition';

/**
 * Zenki access tokens for a Nest application: `ZenkiModule.forRoot({ clientId, clientSecret })` or
 * `forRootAsync(...)`. Options are validated when the module starts; exports the AccessTokenIssuer,
 * the AccessTokenCache, GetAccessToken and ZenkiClient; the HTTP pool closes on application shutdown.
 */
@Module({
  providers: [
    // Validation runs here, so a bad option stops start-up with a ZenkiConfigurationError naming the field.
    { provide: ZENKI_RESOLVED_OPTIONS, useFactory: (options: ZenkiModuleOptions) => resolveZenkiOptions(options), inject: [ZENKI_MODULE_OPTIONS] },
    { provide: ZENKI_HTTP, useFactory: (options: ResolvedZenkiOptions) => new ZenkiHttp(options.baseUrl, options.timeoutMs), inject: [ZENKI_RESOLVED_OPTIONS] },
    {
      provide: ACCESS_TOKEN_ISSUER,
      useFactory: (options: ResolvedZenkiOptions, http: ZenkiHttp) => new ZenkiAccessTokenIssuer(options, { http }),
      inject: [ZENKI_RESOLVED_OPTIONS, ZENKI_HTTP],
    },
    { provide: ACCESS_TOKEN_CACHE, useFactory: (options: ResolvedZenkiOptions) => options.cache ?? new InMemoryAccessTokenCache(), inject: [ZENKI_RESOLVED_OPTIONS] },
    {
      provide: GetAccessToken,
      useFactory: (options: ResolvedZenkiOptions, issuer: ZenkiAccessTokenIssuer, cache: AccessTokenCache) =>
        createZenkiGetAccessToken(options, issuer, cache, new SystemClock()),
      inject: [ZENKI_RESOLVED_OPTIONS, ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_CACHE],
    },
    { provide: ZenkiClient, useFactory: (tokens: GetAccessToken, http: ZenkiHttp) => new ZenkiClient(tokens, http), inject: [GetAccessToken, ZENKI_HTTP] },
  ],
  exports: [ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_CACHE, GetAccessToken, ZenkiClient, ZENKI_RESOLVED_OPTIONS],
})
export class ZenkiModule extends ZenkiConfigurableModule implements OnApplicationShutdown {
  constructor(@Inject(ZENKI_HTTP) private readonly http: ZenkiHttp) {
    super();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
