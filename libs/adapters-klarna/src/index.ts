// Public API of @paytokens/adapters-klarna: the Klarna CustomerTokenGateway and its NestJS module.
// The simulator is a separate entry point: @paytokens/adapters-klarna/simulator.
export { KlarnaCustomerTokenGateway, type KlarnaGatewayDependencies } from './lib/klarna-customer-token.gateway';
export {
  ProviderCircuit,
  DEFAULT_CIRCUIT_BREAKER,
  isProviderFault,
  type CircuitState,
  type CircuitBreakerOptions,
  type CircuitBreakerSettings,
} from './lib/provider-circuit';
export type { ProviderCallEvent, ProviderCallListener } from './lib/provider-call-event';
export { KlarnaGatewayConfig, InvalidKlarnaOptionsError, type KlarnaGatewayOptions } from './lib/klarna-config';
export { klarnaBaseUrl, KLARNA_REGIONS, KLARNA_ENVIRONMENTS, type KlarnaRegion, type KlarnaEnvironment } from './lib/klarna-base-url';
export { klarnaUserAgent } from './lib/klarna-user-agent';
export { KlarnaModule } from './nest/klarna.module';
export type { KlarnaModuleOptions } from './nest/klarna-module-options';
export { KLARNA_MODULE_OPTIONS, KLARNA_GATEWAY_CONFIG, KLARNA_CIRCUIT } from './nest/klarna.constants';
export { InjectCustomerTokenGateway, InjectKlarnaOptions, InjectKlarnaCircuit } from './nest/klarna.decorators';
export { CUSTOMER_TOKEN_GATEWAY, IDEMPOTENCY_STORE } from '@paytokens/domain';
