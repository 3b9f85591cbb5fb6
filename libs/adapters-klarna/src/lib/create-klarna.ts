import {
  CancelAuthorization,
  CancelCustomerToken,
  ChargeCustomerToken,
  CreatePaymentSession,
  InMemoryIdempotencyStore,
  IssueCustomerToken,
  ReadCustomerToken,
  ReadPaymentSession,
  type IdempotencyStore,
} from '@paytokens/domain';
import { ProviderCircuit, traceExecute } from '@paytokens/provider-kit';
import { KlarnaCustomerTokenGateway } from './klarna-customer-token.gateway';
import { KlarnaPaymentSessionGateway } from './klarna-payment-session.gateway';
import { KlarnaTokenOrderGateway } from './klarna-token-order.gateway';
import { resolveKlarnaOptions, type KlarnaModuleOptions, type ResolvedKlarnaOptions } from './klarna-options';

/** Everything one Klarna account needs, wired together; `close()` ends the HTTP pool. */
export interface KlarnaServices {
  /** The account's name (`default` for a single unnamed one). */
  readonly account: string;
  readonly options: ResolvedKlarnaOptions;
  readonly gateway: KlarnaCustomerTokenGateway;
  /** Payment sessions and authorizations, on the same pool and circuit as `gateway`. */
  readonly sessionGateway: KlarnaPaymentSessionGateway;
  /** Token orders (charges), on the same pool and circuit as `gateway`. */
  readonly orderGateway: KlarnaTokenOrderGateway;
  /** The account's circuit breaker, the one the gateway uses. */
  readonly circuit: ProviderCircuit;
  readonly idempotencyStore: IdempotencyStore;
  /** Creates a customer token, at most once per idempotency key (scoped by the account). */
  readonly issue: IssueCustomerToken;
  readonly read: ReadCustomerToken;
  readonly cancel: CancelCustomerToken;
  readonly createSession: CreatePaymentSession;
  readonly readSession: ReadPaymentSession;
  readonly cancelAuthorization: CancelAuthorization;
  /** Charges a customer token, at most once per idempotency key (scoped by the account). */
  readonly charge: ChargeCustomerToken;
  close(): Promise<void>;
}

/** Klarna without Nest: validates `options` (throws InvalidKlarnaOptionsError naming every bad field) and wires the account. */
export function createKlarna(options: KlarnaModuleOptions | ResolvedKlarnaOptions): KlarnaServices {
  const resolved = resolveKlarnaOptions(options);
  const circuit = new ProviderCircuit('klarna', 'Klarna', resolved.circuitBreaker, resolved.account);
  const gateway = new KlarnaCustomerTokenGateway(resolved, { circuit });
  const sessionGateway = new KlarnaPaymentSessionGateway(gateway.caller);
  const orderGateway = new KlarnaTokenOrderGateway(gateway.caller);
  const idempotencyStore = resolved.idempotencyStore ?? new InMemoryIdempotencyStore();
  const storeSettings = { onStoreError: resolved.onIdempotencyStoreError };
  const spanAttributes = { 'paytokens.provider': 'klarna', 'paytokens.account': resolved.account };
  return {
    account: resolved.account,
    options: resolved,
    gateway,
    sessionGateway,
    orderGateway,
    circuit,
    idempotencyStore,
    // One span per use case call (a no-op without an OpenTelemetry SDK); the domain itself knows nothing of tracing.
    issue: traceExecute(
      new IssueCustomerToken(gateway, idempotencyStore, { ...storeSettings, account: resolved.account }),
      'IssueCustomerToken',
      spanAttributes,
    ),
    read: traceExecute(new ReadCustomerToken(gateway), 'ReadCustomerToken', spanAttributes),
    cancel: traceExecute(new CancelCustomerToken(gateway), 'CancelCustomerToken', spanAttributes),
    createSession: traceExecute(new CreatePaymentSession(sessionGateway), 'CreatePaymentSession', spanAttributes),
    readSession: traceExecute(new ReadPaymentSession(sessionGateway), 'ReadPaymentSession', spanAttributes),
    cancelAuthorization: traceExecute(new CancelAuthorization(sessionGateway), 'CancelAuthorization', spanAttributes),
    charge: traceExecute(new ChargeCustomerToken(orderGateway, idempotencyStore, storeSettings), 'ChargeCustomerToken', spanAttributes),
    close: () => gateway.close(),
  };
}
