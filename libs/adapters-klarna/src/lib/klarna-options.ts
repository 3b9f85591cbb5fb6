import { Secret, type IdempotencyStore } from '@paytokens/domain';
import {
  InvalidProviderOptionsError,
  OptionProblems,
  parseAccountName,
  parseBaseUrl,
  resolveCircuitBreaker,
  revealSecretLike,
  type CircuitBreakerOptions,
  type CircuitBreakerSettings,
  type OptionProblem,
  type ProviderCallListener,
} from '@paytokens/provider-kit';
import { KLARNA_ENVIRONMENTS, KLARNA_REGIONS, klarnaBaseUrl, type KlarnaEnvironment, type KlarnaRegion } from './klarna-base-url';

/** How to reach Klarna for one account: the API credentials and where and how long to wait. */
export interface KlarnaGatewayOptions {
  /** The account's name, for injection tokens, idempotency scopes, circuit breakers and events. Default `default`. */
  account?: string;
  /** The API username (Klarna's "UID", e.g. `PK12345_abcdef`). */
  username: string;
  /** The API password; pass a {@link Secret} to keep it out of your own logs too. */
  password: string | Secret;
  /** Default `eu`. */
  region?: KlarnaRegion;
  /** Default `playground`. */
  environment?: KlarnaEnvironment;
  /** Overrides region and environment (a proxy, the simulator). An http(s) URL without credentials, query or fragment. */
  baseUrl?: string;
  /** Per-request deadline in milliseconds, connecting included. Default 10 000. */
  timeoutMs?: number;
  /**
   * Deadline of creating a customer token, at least `timeoutMs`. Default 20 000 (or `timeoutMs` when longer): a
   * create the client gives up on may still spend the shopper's single-use authorization, so it waits longer.
   */
  createTimeoutMs?: number;
  /** Most sockets kept open to Klarna. Default 16. */
  connections?: number;
  /** The circuit breaker: opens after `consecutiveFailures` faults in a row (default 5) for `halfOpenAfterMs` (default 10 000); `false` turns it off. */
  circuitBreaker?: CircuitBreakerOptions | false;
  /** Told about every HTTP call to Klarna (and every call the open circuit refused): for metrics and logs. */
  onProviderCall?: ProviderCallListener;
}

/** Options of KlarnaModule: how to reach Klarna, plus where idempotency records live. */
export interface KlarnaModuleOptions extends KlarnaGatewayOptions {
  /**
   * Where IssueCustomerToken keeps its idempotency records. Default: the domain's InMemoryIdempotencyStore (one
   * process). Several accounts may share one store: every key is scoped by the account.
   */
  idempotencyStore?: IdempotencyStore;
  /**
   * Told when the idempotency store failed after Klarna answered: the caller still gets its token, but its
   * record could not be written (`complete`) or its claim freed (`release`). Log it: nothing else will.
   */
  onIdempotencyStoreError?: (operation: 'complete' | 'release', error: unknown) => void;
}

// Longer than the 10 s of other calls, yet within the API's default shutdown budget (5 s grace + 20 s < 30 s).
const DEFAULT_CREATE_TIMEOUT_MS = 20_000;

/** Start-up refusal of bad Klarna options. Names every bad field, never echoes a value. */
export class InvalidKlarnaOptionsError extends InvalidProviderOptionsError {
  constructor(problems: readonly OptionProblem[]) {
    super('Klarna', problems);
  }
}

/** Validated, defaulted Klarna options of one account. The password is a Secret, so printing this shows no credential. */
export class ResolvedKlarnaOptions {
  /** @internal Built by {@link resolveKlarnaOptions}. */
  constructor(
    readonly account: string,
    readonly username: string,
    readonly password: Secret,
    readonly baseUrl: string,
    readonly timeoutMs: number,
    /** The deadline of creating a customer token (longer than `timeoutMs`). */
    readonly createTimeoutMs: number,
    readonly connections: number,
    /** The circuit breaker's settings; `false` when it is off. */
    readonly circuitBreaker: CircuitBreakerSettings | false,
    readonly onProviderCall?: ProviderCallListener,
    readonly idempotencyStore?: IdempotencyStore,
    readonly onIdempotencyStoreError?: KlarnaModuleOptions['onIdempotencyStoreError'],
  ) {
    Object.freeze(this);
  }
}

/** Validates Klarna options (every problem at once, as one {@link InvalidKlarnaOptionsError}) and applies the defaults. */
export function resolveKlarnaOptions(options: KlarnaModuleOptions | ResolvedKlarnaOptions): ResolvedKlarnaOptions {
  if (options instanceof ResolvedKlarnaOptions) return options;
  const problems = new OptionProblems();
  const raw = (typeof options === 'object' && options !== null ? options : {}) as Partial<Record<keyof KlarnaModuleOptions, unknown>>;

  const account = parseAccountName(raw.account, problems);
  const username = raw.username;
  if (typeof username !== 'string' || username.trim() === '') problems.add('username', 'is required');
  // RFC 7617: the Basic user-id cannot contain a colon; control characters would corrupt the header.
  else if (username.includes(':') || /\p{Cc}/u.test(username)) problems.add('username', 'must not contain ":" or control characters');

  const password = revealSecretLike(raw.password);
  if (password === undefined || password === '') problems.add('password', 'is required');

  const region = raw.region ?? 'eu';
  if (!KLARNA_REGIONS.includes(region as KlarnaRegion)) problems.add('region', `must be one of ${KLARNA_REGIONS.join(', ')}`);
  const environment = raw.environment ?? 'playground';
  if (!KLARNA_ENVIRONMENTS.includes(environment as KlarnaEnvironment))
    problems.add('environment', `must be one of ${KLARNA_ENVIRONMENTS.join(', ')}`);
  const baseUrl = raw.baseUrl === undefined ? undefined : parseBaseUrl(raw.baseUrl, 'baseUrl', problems);

  const timeoutMs = problems.milliseconds('timeoutMs', raw.timeoutMs, 10_000);
  const createTimeoutMs = problems.milliseconds('createTimeoutMs', raw.createTimeoutMs, Math.max(DEFAULT_CREATE_TIMEOUT_MS, timeoutMs));
  if (createTimeoutMs < timeoutMs) problems.add('createTimeoutMs', 'must not be shorter than timeoutMs');
  const connections = problems.integer('connections', raw.connections, 16);
  const circuitBreaker = resolveCircuitBreaker(raw.circuitBreaker, problems);
  const onProviderCall = problems.listener<ProviderCallListener>('onProviderCall', raw.onProviderCall);
  const idempotencyStore = problems.implementation<IdempotencyStore>('idempotencyStore', raw.idempotencyStore, [
    'begin',
    'complete',
    'release',
  ]);
  const onIdempotencyStoreError = problems.listener<NonNullable<KlarnaModuleOptions['onIdempotencyStoreError']>>(
    'onIdempotencyStoreError',
    raw.onIdempotencyStoreError,
  );

  problems.throwIfAny((list) => new InvalidKlarnaOptionsError(list));
  return new ResolvedKlarnaOptions(
    account,
    username as string,
    new Secret(password as string),
    baseUrl ?? klarnaBaseUrl(region as KlarnaRegion, environment as KlarnaEnvironment),
    timeoutMs,
    createTimeoutMs,
    connections,
    circuitBreaker,
    onProviderCall,
    idempotencyStore,
    onIdempotencyStoreError,
  );
}
