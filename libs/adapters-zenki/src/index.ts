// Public API of @paytokens/adapters-zenki: the Zenki AccessTokenIssuer, an authorized client and ZenkiModule.
export * from './lib/zenki-options';
export * from './lib/zenki-cache-key';
export { ZENKI_PROVIDER, ZenkiHttp, type ZenkiHttpRequest, type ZenkiHttpResponse } from './lib/zenki-http';
export { isRetryableTokenError, type RetryEnvironment } from './lib/zenki-retry';
export * from './lib/zenki-access-token.issuer';
export {
  ProviderCircuit,
  DEFAULT_CIRCUIT_BREAKER,
  isProviderFault,
  type CircuitState,
  type CircuitBreakerOptions,
  type CircuitBreakerSettings,
} from './lib/provider-circuit';
export type { ProviderCallEvent, ProviderCallListener } from './lib/provider-call-event';
export * from './lib/zenki-merchant';
export * from './lib/zenki.client';
export * from './lib/create-zenki';
export * from './nest/zenki.constants';
export * from './nest/zenki.decorators';
export type { ZenkiForRootAsyncOptions, ZenkiForRootOptions, ZenkiOptionsFactory } from './nest/zenki.module-definition';
export * from './nest/zenki.module';
