// Injection tokens of KlarnaModule: one per thing and account, so registrations never override each other.
import { DEFAULT_ACCOUNT, providerToken } from '@paytokens/provider-kit';

/** Token of an account's KlarnaCustomerTokens (issue, read, cancel). */
export const klarnaCustomerTokensToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('klarna', 'CustomerTokens', account);
/** Token of an account's KlarnaPaymentSessions (create, read, cancel an authorization). */
export const klarnaPaymentSessionsToken = (account: string = DEFAULT_ACCOUNT): symbol =>
  providerToken('klarna', 'PaymentSessions', account);
/** Token of an account's KlarnaTokenCharges (charge a customer token). */
export const klarnaTokenChargesToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('klarna', 'TokenCharges', account);
/** Token of an account's validated ResolvedKlarnaOptions (the password stays a Secret). */
export const klarnaOptionsToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('klarna', 'Options', account);
/** Token of an account's KlarnaCustomerTokenGateway. */
export const klarnaGatewayToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('klarna', 'Gateway', account);
/** Token of an account's circuit breaker (ProviderCircuit): its `state` and `onStateChange`, for readiness and metrics. */
export const klarnaCircuitToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('klarna', 'Circuit', account);
/** Token of an account's KlarnaHealthIndicator (needs @nestjs/terminus). */
export const klarnaHealthIndicatorToken = (account: string = DEFAULT_ACCOUNT): symbol =>
  providerToken('klarna', 'HealthIndicator', account);

// Module-local tokens: each registration is its own module instance, so these never meet another account's.
/** @internal The account's services (createKlarna). */
export const KLARNA_SERVICES = Symbol('paytokens.klarna.Services');
/** @internal The account name of this registration. */
export const KLARNA_ACCOUNT = Symbol('paytokens.klarna.Account');
