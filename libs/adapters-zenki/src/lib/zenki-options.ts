import { Secret, type AccessTokenCache, type AccessTokenEvent } from '@paytokens/domain';
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

/** Zenki's production API. */
export const ZENKI_DEFAULT_BASE_URL = 'https://api.zenki.fi';

/** Bounds of the token endpoint retry: attempts, backoff base and total time. */
export interface ZenkiRetryOptions {
  /** Attempts in all, the first included. Default 3. */
  maxAttempts?: number;
  /** First backoff delay; doubles on each retry, with jitter. Default 100 ms. */
  baseDelayMs?: number;
  /** No retry starts once this much time has passed since the first attempt. Default 10 000 ms. */
  maxElapsedMs?: number;
}

/** Told once when Zenki refused a client secret and a later one in the list worked: the earlier ones can go. */
export interface ZenkiSecretFallbackEvent {
  account: string;
  /** The position (0-based) of the secret now in use; the ones before it were refused. */
  secretIndex: number;
}

/** What `ZenkiModule.forRoot` (and `createZenki`) accept for one account. */
export interface ZenkiModuleOptions {
  /** The account's name, for injection tokens, cache keys, fetch locks, circuit breakers and events. Default `default`. */
  account?: string;
  clientId: string;
  /**
   * A plain string or a domain `Secret`; never printed either way. A list rotates secrets without downtime:
   * the first is used, the next tried only when Zenki refuses the credentials.
   */
  clientSecret: string | Secret | readonly (string | Secret)[];
  /** Default https://api.zenki.fi. */
  baseUrl?: string;
  /** Per-request timeout, connection to last body byte. Default 5000 ms. */
  timeoutMs?: number;
  /** A token counts as expired this long before Zenki says it does. Default 60 s. */
  tokenSkewSeconds?: number;
  /** Refresh in the background this long before the token turns stale. Default 120 s. */
  refreshAheadSeconds?: number;
  retry?: ZenkiRetryOptions;
  /** Where tokens are kept; default a process-local in-memory cache. Keys include the account. */
  cache?: AccessTokenCache;
  /** Called on every cache hit, miss, fetch and failure: for metrics and logs. */
  onTokenEvent?: (event: AccessTokenEvent) => void;
  /**
   * The circuit breaker around the token fetch (all its retries included): opens after `consecutiveFailures` failed
   * fetches in a row (default 5) for `halfOpenAfterMs` (default 10 000); `false` turns it off. A cached token is
   * still served while it is open.
   */
  circuitBreaker?: CircuitBreakerOptions | false;
  /** Told about every HTTP call to Zenki (each retry on its own) and every fetch the open circuit refused. */
  onProviderCall?: ProviderCallListener;
  /** Told once each time a later client secret takes over because Zenki refused the one before (log and count it). */
  onSecretFallback?: (event: ZenkiSecretFallbackEvent) => void;
}

/** {@link ZenkiModuleOptions} checked and completed with defaults. */
export interface ResolvedZenkiOptions {
  readonly account: string;
  readonly clientId: string;
  /** The first of {@link clientSecrets}. */
  readonly clientSecret: Secret;
  /** Every configured secret, in the order they are tried. */
  readonly clientSecrets: readonly Secret[];
  /** Normalised: no trailing slash. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly tokenSkewSeconds: number;
  readonly refreshAheadSeconds: number;
  readonly retry: Required<ZenkiRetryOptions>;
  readonly cache?: AccessTokenCache;
  readonly onTokenEvent?: (event: AccessTokenEvent) => void;
  /** `false` when the breaker is off. */
  readonly circuitBreaker: CircuitBreakerSettings | false;
  readonly onProviderCall?: ProviderCallListener;
  readonly onSecretFallback?: (event: ZenkiSecretFallbackEvent) => void;
}

/** Start-up refusal of bad Zenki options. Names every bad field (`fields`, the first in `field`), never a value. */
export class InvalidZenkiOptionsError extends InvalidProviderOptionsError {
  constructor(problems: readonly OptionProblem[]) {
    super('Zenki', problems);
  }
}

const DEFAULT_RETRY: Required<ZenkiRetryOptions> = { maxAttempts: 3, baseDelayMs: 100, maxElapsedMs: 10_000 };
const RESOLVED = Symbol('paytokens.zenki.resolved');

/** Checks the options (every problem at once, as one {@link InvalidZenkiOptionsError}) and fills in defaults. */
export function resolveZenkiOptions(options: ZenkiModuleOptions | ResolvedZenkiOptions | undefined): ResolvedZenkiOptions {
  if (options && (options as { [RESOLVED]?: true })[RESOLVED]) return options as ResolvedZenkiOptions;
  const problems = new OptionProblems();
  if (!options || typeof options !== 'object') {
    problems.add('options', 'are required');
    problems.throwIfAny((list) => new InvalidZenkiOptionsError(list));
  }
  const raw = options as Partial<Record<keyof ZenkiModuleOptions, unknown>>;
  const account = parseAccountName(raw.account, problems);
  const clientId = raw.clientId;
  if (typeof clientId !== 'string' || clientId.trim() === '') problems.add('clientId', 'is required');
  else if (clientId.length > 128) problems.add('clientId', 'is longer than 128 characters');
  const clientSecrets = readSecrets(raw.clientSecret, problems);

  const retryRaw = (raw.retry ?? {}) as Partial<Record<keyof ZenkiRetryOptions, unknown>>;
  const retry = {
    maxAttempts: problems.integer('retry.maxAttempts', retryRaw.maxAttempts, DEFAULT_RETRY.maxAttempts),
    baseDelayMs: problems.atLeast('retry.baseDelayMs', retryRaw.baseDelayMs, DEFAULT_RETRY.baseDelayMs, 0),
    maxElapsedMs: problems.milliseconds('retry.maxElapsedMs', retryRaw.maxElapsedMs, DEFAULT_RETRY.maxElapsedMs),
  };
  const resolved: ResolvedZenkiOptions & { [RESOLVED]: true } = {
    [RESOLVED]: true,
    account,
    clientId: clientId as string,
    clientSecret: clientSecrets[0],
    clientSecrets,
    baseUrl: parseBaseUrl(raw.baseUrl ?? ZENKI_DEFAULT_BASE_URL, 'baseUrl', problems) ?? ZENKI_DEFAULT_BASE_URL,
    timeoutMs: problems.milliseconds('timeoutMs', raw.timeoutMs, 5_000),
    tokenSkewSeconds: problems.atLeast('tokenSkewSeconds', raw.tokenSkewSeconds, 60, 0),
    refreshAheadSeconds: problems.atLeast('refreshAheadSeconds', raw.refreshAheadSeconds, 120, 0),
    retry,
    cache: problems.implementation<AccessTokenCache>('cache', raw.cache, ['get', 'set', 'delete', 'tryLock']),
    onTokenEvent: problems.listener('onTokenEvent', raw.onTokenEvent),
    circuitBreaker: resolveCircuitBreaker(raw.circuitBreaker, problems),
    onProviderCall: problems.listener('onProviderCall', raw.onProviderCall),
    onSecretFallback: problems.listener('onSecretFallback', raw.onSecretFallback),
  };
  problems.throwIfAny((list) => new InvalidZenkiOptionsError(list));
  return resolved;
}

/** One secret or a list of them, each non-blank and at most 128 characters. */
function readSecrets(value: unknown, problems: OptionProblems): Secret[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  const texts = list.map(revealSecretLike);
  if (texts.length === 0 || texts.some((t) => t === undefined || t.trim() === '')) {
    problems.add('clientSecret', 'is required (a non-empty secret, or a list of them)');
    return [Secret.of('unset')];
  }
  if (texts.some((t) => (t as string).length > 128)) problems.add('clientSecret', 'is longer than 128 characters');
  return texts.map((t) => Secret.of(t as string));
}
