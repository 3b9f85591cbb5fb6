import { Secret, type AccessTokenCache, type AccessTokenEvent } from '@paytokens/domain';
import type { ProviderCallListener } from './provider-call-event';
import { resolveCircuitBreaker, type CircuitBreakerOptions, type CircuitBreakerSettings } from './provider-circuit';

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

/** What `ZenkiModule.forRoot` (and `createZenki`) accept. */
export interface ZenkiModuleOptions {
  clientId: string;
  /** A plain string or a domain `Secret`; never printed either way. */
  clientSecret: string | Secret;
  /** Default https://api.zenki.fi. */
  baseUrl?: string;
  /** Per-request timeout, connection to last body byte. Default 5000 ms. */
  timeoutMs?: number;
  /** A token counts as expired this long before Zenki says it does. Default 60 s. */
  tokenSkewSeconds?: number;
  /** Refresh in the background this long before the token turns stale. Default 120 s. */
  refreshAheadSeconds?: number;
  retry?: ZenkiRetryOptions;
  /** Where tokens are kept; default a process-local in-memory cache. */
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
}

/** {@link ZenkiModuleOptions} checked and completed with defaults. */
export interface ResolvedZenkiOptions {
  readonly clientId: string;
  readonly clientSecret: Secret;
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
}

/** A Zenki option is missing or wrong; `field` names it. The message never contains the value. */
export class ZenkiConfigurationError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`Invalid Zenki configuration: ${field} ${problem}`);
    this.name = 'ZenkiConfigurationError';
  }
}

const DEFAULT_RETRY: Required<ZenkiRetryOptions> = { maxAttempts: 3, baseDelayMs: 100, maxElapsedMs: 10_000 };

/** Checks the options and fills in defaults; throws {@link ZenkiConfigurationError} naming the first bad field. */
export function resolveZenkiOptions(options: ZenkiModuleOptions | undefined): ResolvedZenkiOptions {
  if (!options || typeof options !== 'object') throw new ZenkiConfigurationError('options', 'are required');
  const clientId = options.clientId;
  if (typeof clientId !== 'string' || clientId.trim() === '') throw new ZenkiConfigurationError('clientId', 'is required');
  if (clientId.length > 128) throw new ZenkiConfigurationError('clientId', 'is longer than 128 characters');
  const rawSecret = options.clientSecret;
  const secretValue = rawSecret instanceof Secret ? rawSecret.reveal() : rawSecret;
  if (typeof secretValue !== 'string' || secretValue.trim() === '') throw new ZenkiConfigurationError('clientSecret', 'is required');
  if (secretValue.length > 128) throw new ZenkiConfigurationError('clientSecret', 'is longer than 128 characters');

  const retry = { ...DEFAULT_RETRY, ...dropUndefined(options.retry ?? {}) };
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) throw new ZenkiConfigurationError('retry.maxAttempts', 'must be an integer of at least 1');
  requireNumber('retry.baseDelayMs', retry.baseDelayMs, 0, false);
  requireNumber('retry.maxElapsedMs', retry.maxElapsedMs, 0, true);

  const cache = options.cache;
  if (cache !== undefined && !isCache(cache)) throw new ZenkiConfigurationError('cache', 'must implement AccessTokenCache (get, set, delete, tryLock)');
  if (options.onTokenEvent !== undefined && typeof options.onTokenEvent !== 'function') {
    throw new ZenkiConfigurationError('onTokenEvent', 'must be a function');
  }
  if (options.onProviderCall !== undefined && typeof options.onProviderCall !== 'function') {
    throw new ZenkiConfigurationError('onProviderCall', 'must be a function');
  }
  const circuitProblems: { field: string; message: string }[] = [];
  const circuitBreaker = resolveCircuitBreaker(options.circuitBreaker, circuitProblems);
  if (circuitProblems.length > 0) throw new ZenkiConfigurationError(circuitProblems[0].field, circuitProblems[0].message);

  return {
    clientId,
    clientSecret: Secret.of(secretValue),
    baseUrl: normaliseBaseUrl(options.baseUrl ?? ZENKI_DEFAULT_BASE_URL),
    timeoutMs: requireNumber('timeoutMs', options.timeoutMs ?? 5_000, 0, true),
    tokenSkewSeconds: requireNumber('tokenSkewSeconds', options.tokenSkewSeconds ?? 60, 0, false),
    refreshAheadSeconds: requireNumber('refreshAheadSeconds', options.refreshAheadSeconds ?? 120, 0, false),
    retry,
    cache,
    onTokenEvent: options.onTokenEvent,
    circuitBreaker,
    onProviderCall: options.onProviderCall,
  };
}

function normaliseBaseUrl(value: unknown): string {
  // The value is not echoed: a mistyped URL may carry credentials (https://user:pass@host).
  if (typeof value !== 'string') throw new ZenkiConfigurationError('baseUrl', 'must be an http(s) URL');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ZenkiConfigurationError('baseUrl', 'must be an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ZenkiConfigurationError('baseUrl', 'must be an http(s) URL');
  if (url.username || url.password) throw new ZenkiConfigurationError('baseUrl', 'must not contain credentials');
  if (url.search || url.hash) throw new ZenkiConfigurationError('baseUrl', 'must not contain a query or fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function requireNumber(field: string, value: unknown, min: number, exclusive: boolean): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (exclusive ? value > min : value >= min);
  if (!ok) throw new ZenkiConfigurationError(field, exclusive ? `must be a number greater than ${min}` : `must be a number not below ${min}`);
  return value as number;
}

function isCache(value: unknown): value is AccessTokenCache {
  const c = value as Record<string, unknown> | null;
  return !!c && typeof c === 'object' && ['get', 'set', 'delete', 'tryLock'].every((m) => typeof c[m] === 'function');
}

function dropUndefined<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
