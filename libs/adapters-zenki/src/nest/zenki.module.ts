import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ACCESS_TOKEN_CACHE, ACCESS_TOKEN_ISSUER, GetAccessToken, InMemoryAccessTokenCache, SystemClock, type AccessTokenCache } from '@paytokens/domain';
import { createZenkiGetAccessToken } from '../lib/create-zenki';
import { ZenkiAccessTokenIssuer } from '../lib/zenki-access-token.issuer';
import { ProviderCircuit } from '../lib/provider-circuit';
import { ZENKI_PROVIDER, ZenkiHttp } from '../lib/zenki-http';
import { resolveZenkiOptions, type ResolvedZenkiOptions, type ZenkiModuleOptions } from '../lib/zenki-options';
import { ZenkiClient } from '../lib/zenki.client';
import { ZENKI_CIRCUIT, ZENKI_HTTP, ZENKI_MODULE_OPTIONS, ZENKI_RESOLVED_OPTIONS } from './zenki.constants';
import { ZenkiConfigurableModule } from './zenki.module-definition';

/**
 * Zenki access tokens for a Nest application: `ZenkiModule.forRoot({ clientId, clientSecret })` or
 * `forRootAsync(...)`. Options are validated when the module starts; exports the AccessTokenIssuer,
 * the AccessTokenCache, GetAccessToken, ZenkiClient and the circuit breaker (ZENKI_CIRCUIT); the HTTP pool
 * closes on application shutdown.
 */
@Module({
  providers: [
    // Validation runs here, so a bad option stops start-up with a ZenkiConfigurationError naming the field.
    { provide: ZENKI_RESOLVED_OPTIONS, useFactory: (options: ZenkiModuleOptions) => resolveZenkiOptions(options), inject: [ZENKI_MODULE_OPTIONS] },
    { provide: ZENKI_HTTP, useFactory: (options: ResolvedZenkiOptions) => new ZenkiHttp(options.baseUrl, options.timeoutMs), inject: [ZENKI_RESOLVED_OPTIONS] },
    {
      provide: ZENKI_CIRCUIT,
      useFactory: (options: ResolvedZenkiOptions) => new ProviderCircuit(ZENKI_PROVIDER, 'Zenki', options.circuitBreaker),
      inject: [ZENKI_RESOLVED_OPTIONS],
    },
    {
      provide: ACCESS_TOKEN_ISSUER,
      useFactory: (options: ResolvedZenkiOptions, http: ZenkiHttp, circuit: ProviderCircuit) => new ZenkiAccessTokenIssuer(options, { http, circuit }),
      inject: [ZENKI_RESOLVED_OPTIONS, ZENKI_HTTP, ZENKI_CIRCUIT],
    },
    { provide: ACCESS_TOKEN_CACHE, useFactory: (options: ResolvedZenkiOptions) => options.cache ?? new InMemoryAccessTokenCache(), inject: [ZENKI_RESOLVED_OPTIONS] },
    {
      provide: GetAccessToken,
      useFactory: (options: ResolvedZenkiOptions, issuer: ZenkiAccessTokenIssuer, cache: AccessTokenCache) =>
        createZenkiGetAccessToken(options, issuer, cache, new SystemClock()),
      inject: [ZENKI_RESOLVED_OPTIONS, ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_CACHE],
    },
    {
      provide: ZenkiClient,
      useFactory: (tokens: GetAccessToken, http: ZenkiHttp, options: ResolvedZenkiOptions) => new ZenkiClient(tokens, http, options.onProviderCall),
      inject: [GetAccessToken, ZENKI_HTTP, ZENKI_RESOLVED_OPTIONS],
    },
  ],
  exports: [ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_CACHE, GetAccessToken, ZenkiClient, ZENKI_RESOLVED_OPTIONS, ZENKI_CIRCUIT],
})
export class ZenkiModule extends ZenkiConfigurableModule implements OnApplicationShutdown {
  constructor(@Inject(ZENKI_HTTP) private readonly http: ZenkiHttp) {
    super();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
