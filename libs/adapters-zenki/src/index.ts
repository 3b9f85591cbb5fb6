// Public API of @paytokens/adapters-zenki: Zenki access tokens and authorized calls, with or without NestJS.
// The simulator is a separate entry point: @paytokens/adapters-zenki/simulator.

/** Zenki without Nest: one account's issuer, cache, GetAccessToken and client. */
export { createZenki, type ZenkiServices, type ZenkiServiceDependencies } from './lib/create-zenki';
/** Authorized calls to the Zenki API (bearer token, one retry on 401). */
export { ZenkiClient, type ZenkiRequestOptions } from './lib/zenki.client';
/** The merchant behind the credentials (`GET /v1/pay/me`). */
export type { ZenkiMerchant } from './lib/zenki-merchant';
/** The AccessTokenIssuer port implemented for Zenki, and its token path. */
export { ZenkiAccessTokenIssuer, ZENKI_TOKEN_PATH, type ZenkiIssuerDependencies } from './lib/zenki-access-token.issuer';
/** The provider name Zenki's errors and events carry. */
export { ZENKI_PROVIDER } from './lib/zenki-http.client';
/** The cache key of an account's token (for a shared cache's tooling). */
export { zenkiCacheKey } from './lib/zenki-cache-key';
/** Time and chance for the token retry, replaceable in tests. */
export type { RetryEnvironment } from './lib/zenki-retry';
/** The options, their validated form and the start-up error naming every bad field. */
export {
  resolveZenkiOptions,
  InvalidZenkiOptionsError,
  ZENKI_DEFAULT_BASE_URL,
  type ZenkiModuleOptions,
  type ResolvedZenkiOptions,
  type ZenkiRetryOptions,
  type ZenkiSecretFallbackEvent,
} from './lib/zenki-options';
/** Framework-free health of an account. */
export { zenkiHealth } from './health/zenki.health';
/** A @nestjs/terminus-compatible health indicator for one account. */
export { ZenkiHealthIndicator } from './health/zenki.health-indicator';
/** The Nest module: one registration per account (`forRoot` / `forRootAsync`). */
export { ZenkiModule } from './nest/zenki.module';
/** Decorators for constructor parameters: one account's tokens, client, options, issuer, cache, circuit or health. */
export {
  InjectZenkiAccessTokens,
  InjectZenkiClient,
  InjectZenkiOptions,
  InjectZenkiIssuer,
  InjectZenkiCache,
  InjectZenkiCircuit,
  InjectZenkiHealthIndicator,
} from './nest/zenki.decorators';
/** The injection tokens behind those decorators, for `inject: [...]` and `moduleRef.get(...)`. */
export {
  zenkiAccessTokensToken,
  zenkiClientToken,
  zenkiOptionsToken,
  zenkiIssuerToken,
  zenkiCacheToken,
  zenkiCircuitToken,
  zenkiHealthIndicatorToken,
} from './nest/zenki.constants';
/** Argument types of ZenkiModule's `forRoot` and `forRootAsync`; a `useClass` factory implements `createZenkiOptions()`. */
export type { ZenkiForRootOptions, ZenkiForRootAsyncOptions, ZenkiOptionsFactory } from './nest/zenki.module-definition';
/** Per-registration settings known up front (`account`, `isGlobal`, `bindDomainPorts`). */
export type { ZenkiRegistration } from './nest/zenki.account-providers';
/** The shared provider types an adapter user meets (re-exported from @paytokens/provider-kit). */
export type {
  ProviderCallEvent,
  ProviderCallListener,
  ProviderCircuit,
  CircuitState,
  CircuitBreakerOptions,
  ProviderHealth,
} from '@paytokens/provider-kit';
