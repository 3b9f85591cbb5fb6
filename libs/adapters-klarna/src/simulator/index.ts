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
/** The create request body as Klarna's wire format defines it. */
export type { KlarnaCustomerTokenCreationRequest } from '../lib/wire/klarna-wire.types';
