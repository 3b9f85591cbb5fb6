// Public API of @paytokens/adapters-klarna: the Klarna CustomerTokenGateway and its NestJS module.
// The simulator is a separate entry point: @paytokens/adapters-klarna/simulator.
export { KlarnaCustomerTokenGateway } from './lib/klarna-customer-token.gateway';
export { KlarnaGatewayConfig, InvalidKlarnaOptionsError, type KlarnaGatewayOptions } from './lib/klarna-config';
export { klarnaBaseUrl, KLARNA_REGIONS, KLARNA_ENVIRONMENTS, type KlarnaRegion, type KlarnaEnvironment } from './lib/klarna-base-url';
export { klarnaUserAgent } from './lib/klarna-user-agent';
export { KlarnaModule } from './nest/klarna.module';
export type { KlarnaModuleOptions } from './nest/klarna-module-options';
export { KLARNA_MODULE_OPTIONS, KLARNA_GATEWAY_CONFIG } from './nest/klarna.constants';
export { InjectCustomerTokenGateway, InjectKlarnaOptions } from './nest/klarna.decorators';
export { CUSTOMER_TOKEN_GATEWAY, IDEMPOTENCY_STORE } from '@paytokens/domain';
