// Public API of @paytokens/adapters-klarna: Klarna customer tokens, with or without NestJS.
// The simulator is a separate entry point: @paytokens/adapters-klarna/simulator.

/** The Nest module: one registration per account (`forRoot` / `forRootAsync`). */
export { KlarnaModule } from './nest/klarna.module';
/** What `forRoot`, `forRootAsync` and a `useClass` options factory (`createKlarnaOptions()`) take. */
export type { KlarnaForRootOptions, KlarnaForRootAsyncOptions, KlarnaOptionsFactory } from './nest/klarna.module-definition';
/** The registration extras: `account`, `isGlobal`, `bindDomainPorts`. */
export type { KlarnaRegistration } from './nest/klarna.account-providers';
/** Parameter decorators that inject an account's parts; the account `default` when none is named. */
export {
  InjectKlarnaCustomerTokens,
  InjectKlarnaPaymentSessions,
  InjectKlarnaTokenCharges,
  InjectKlarnaOptions,
  InjectKlarnaGateway,
  InjectKlarnaCircuit,
  InjectKlarnaHealthIndicator,
} from './nest/klarna.decorators';
/** The injection tokens behind those decorators, for `inject: [...]` and `moduleRef.get(...)`. */
export {
  klarnaCustomerTokensToken,
  klarnaPaymentSessionsToken,
  klarnaTokenChargesToken,
  klarnaOptionsToken,
  klarnaGatewayToken,
  klarnaCircuitToken,
  klarnaHealthIndicatorToken,
} from './nest/klarna.constants';
/** One account's customer tokens: issue, read, cancel. */
export { KlarnaCustomerTokens } from './lib/klarna-customer-tokens';
/** One account's payment sessions: create, read, cancel an authorization. */
export { KlarnaPaymentSessions } from './lib/klarna-payment-sessions';
/** One account's token charges: charge a customer token, deduplicated by Klarna. */
export { KlarnaTokenCharges } from './lib/klarna-token-charges';
/** The PaymentSessionGateway port implemented for Klarna (Payments API sessions and authorizations). */
export { KlarnaPaymentSessionGateway } from './lib/klarna-payment-session.gateway';
/** The CustomerTokenOrderGateway port implemented for Klarna (Customer Token API createOrder), and its header. */
export { KlarnaTokenOrderGateway, KLARNA_IDEMPOTENCY_KEY_HEADER } from './lib/klarna-token-order.gateway';
/** Klarna without Nest: one account's gateway, circuit and use cases. */
export { createKlarna, type KlarnaServices } from './lib/create-klarna';
/** The CustomerTokenGateway port implemented for Klarna. */
export { KlarnaCustomerTokenGateway, KLARNA_PROVIDER, type KlarnaGatewayDependencies } from './lib/klarna-customer-token.gateway';
/** The options, their validated form and the start-up error naming every bad field. */
export {
  resolveKlarnaOptions,
  ResolvedKlarnaOptions,
  InvalidKlarnaOptionsError,
  type KlarnaGatewayOptions,
  type KlarnaModuleOptions,
} from './lib/klarna-options';
/** Klarna's regions and environments, and the base URL of each pair. */
export { klarnaBaseUrl, KLARNA_REGIONS, KLARNA_ENVIRONMENTS, type KlarnaRegion, type KlarnaEnvironment } from './lib/klarna-base-url';
/** Framework-free health of an account, and its terminus indicator. */
export { klarnaHealth } from './health/klarna.health';
/** A @nestjs/terminus-compatible health indicator for one account. */
export { KlarnaHealthIndicator } from './health/klarna.health-indicator';
/** The shared provider types an adapter user meets (re-exported from @paytokens/provider-kit). */
export type {
  ProviderCallEvent,
  ProviderCallListener,
  ProviderCircuit,
  CircuitState,
  CircuitBreakerOptions,
  ProviderHealth,
} from '@paytokens/provider-kit';
