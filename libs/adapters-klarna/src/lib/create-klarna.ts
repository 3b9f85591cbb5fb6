import { CancelCustomerToken, InMemoryIdempotencyStore, IssueCustomerToken, ReadCustomerToken, type IdempotencyStore } from '@paytokens/domain';
import { ProviderCircuit, traceExecute } from '@paytokens/provider-kit';
import { KlarnaCustomerTokenGateway } from './klarna-customer-token.gateway';
import { resolveKlarnaOptions, type KlarnaModuleOptions, type ResolvedKlarnaOptions } from './klarna-options';

/** Everything one Klarna account needs, wired together; `close()` ends the HTTP pool. */
export interface KlarnaServices {
  /** The account's name (`default` for a single unnamed one). */
  readonly account: string;
  readonly options: ResolvedKlarnaOptions;
  readonly gateway: KlarnaCustomerTokenGateway;
  /** The account's circuit breaker, the one the gateway uses. */
  readonly circuit: ProviderCircuit;
  readonly idempotencyStore: IdempotencyStore;
  /** Creates a customer token, at most once per idempotency key (scoped by the account). */
  readonly issue: IssueCustomerToken;
  readonly read: ReadCustomerToken;
  readonly cancel: CancelCustomerToken;
  close(): Promise<void>;
}

/** Klarna without Nest: validates `options` (throws InvalidKlarnaOptionsError naming every bad field) and wires the account. */
export function createKlarna(options: KlarnaModuleOptions | ResolvedKlarnaOptions): KlarnaServices {
  const resolved = resolveKlarnaOptions(options);
  const circuit = new ProviderCircuit('klarna', 'Klarna', resolved.circuitBreaker, resolved.account);
  const gateway = new KlarnaCustomerTokenGateway(resolved, { circuit });
  const idempotencyStore = resolved.idempotencyStore ?? new InMemoryIdempotencyStore();
  const spanAttributes = { 'paytokens.provider': 'klarna', 'paytokens.account': resolved.account };
  return {
    account: resolved.account,
    options: resolved,
    gateway,
    circuit,
    idempotencyStore,
    // One span per use case call (a no-op without an OpenTelemetry SDK); the domain itself knows nothing of tracing.
    issue: traceExecute(new IssueCustomerToken(gateway, idempotencyStore, { onStoreError: resolved.onIdempotencyStoreError, account: resolved.account }), 'IssueCustomerToken', spanAttributes),
    read: traceExecute(new ReadCustomerToken(gateway), 'ReadCustomerToken', spanAttributes),
    cancel: traceExecute(new CancelCustomerToken(gateway), 'CancelCustomerToken', spanAttributes),
    close: () => gateway.close(),
  };
}
