// The `@paytokens/adapters-klarna/simulator` entry point: a Klarna stand-in for tests, demos and benchmarks.
export {
  KlarnaSimulator,
  SIMULATOR_USERNAME,
  SIMULATOR_PASSWORD,
  type KlarnaSimulatorOptions,
  type SimulatorExchange,
  type SimulatorOperation,
} from './klarna-simulator';
export { SimulatorFaults, FAULT_KINDS, type FaultKind, type FaultSettings } from './simulator-faults';
export {
  AUTHORIZATION_LIFETIME_MS,
  SIMULATED_PAYMENT_METHOD_TYPES,
  type MintAuthorizationOptions,
  type MintedAuthorization,
  type SimulatedPaymentMethodType,
  type SimulatedTokenStatus,
  type SimulatorLedgerEntry,
} from './simulator-state';
export { SimulatorRateLimits, type RateLimitSettings, type RateLimitDecision } from './simulator-rate-limit';
export { SimulatorFlowState, TOKEN_ORDER_FAULTS, SIMULATED_SHOPPER, type SimulatedOrder, type SimulatedSession, type TokenOrderFault } from './simulator-flow-state';
export type { FlowOperation } from './klarna-flow-routes';
export type { KlarnaCustomerTokenCreationRequest } from '../lib/wire/klarna-wire.types';
