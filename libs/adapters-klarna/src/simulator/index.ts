// The `@paytokens/adapters-klarna/simulator` entry point: a Klarna stand-in for tests, demos and benchmarks.
/** The simulator, its default credentials and the exchanges it recorded. */
export {
  KlarnaSimulator,
  SIMULATOR_USERNAME,
  SIMULATOR_PASSWORD,
  type KlarnaSimulatorOptions,
  type SimulatorExchange,
  type SimulatorOperation,
} from './klarna-simulator';
/** Faults the simulator can inject. */
export { SimulatorFaults, FAULT_KINDS, type FaultKind, type FaultSettings } from './simulator-faults';
/** Minting authorizations and the simulated ledger. */
export {
  AUTHORIZATION_LIFETIME_MS,
  SIMULATED_PAYMENT_METHOD_TYPES,
  type MintAuthorizationOptions,
  type MintedAuthorization,
  type SimulatedPaymentMethodType,
  type SimulatedTokenStatus,
  type SimulatorLedgerEntry,
} from './simulator-state';
/** Per-operation rate limits in Klarna's playground style (429 with X-Ratelimit-* headers). */
export { SimulatorRateLimits, type RateLimitSettings, type RateLimitDecision } from './simulator-rate-limit';
/** Sessions, authorizations and token orders of the recurring flow, with the shopper Klarna holds. */
export {
  SimulatorFlowState,
  TOKEN_ORDER_FAULTS,
  SIMULATED_SHOPPER,
  type SimulatedOrder,
  type SimulatedSession,
  type TokenOrderFault,
} from './simulator-flow-state';
/** The recurring-flow operations the simulator serves. */
export type { FlowOperation } from './klarna-flow-routes';
/** The create request body as Klarna's wire format defines it. */
export type { KlarnaCustomerTokenCreationRequest } from '../lib/wire/klarna-wire.types';
