import { GetAccessToken, InMemoryAccessTokenCache, SystemClock, type AccessTokenCache, type Clock } from '@paytokens/domain';
import { backgroundRefreshInNewTrace, ProviderCircuit, tokenEventTelemetry, traceGetAccessToken } from '@paytokens/provider-kit';
import { ZenkiAccessTokenIssuer } from './zenki-access-token.issuer';
import { zenkiCacheKey } from './zenki-cache-key';
import { ZENKI_PROVIDER, ZenkiHttpClient } from './zenki-http.client';
import { resolveZenkiOptions, type ResolvedZenkiOptions, type ZenkiModuleOptions } from './zenki-options';
import type { RetryEnvironment } from './zenki-retry';
import { ZenkiClient } from './zenki.client';

/** Everything one Zenki account needs, wired together; `close()` ends the HTTP pool. */
export interface ZenkiServices {
  /** The account's name (`default` for a single unnamed one). */
  readonly account: string;
  readonly options: ResolvedZenkiOptions;
  readonly http: ZenkiHttpClient;
  readonly issuer: ZenkiAccessTokenIssuer;
  /** The circuit breaker around the token fetch. */
  readonly circuit: ProviderCircuit;
  readonly cache: AccessTokenCache;
  readonly getAccessToken: GetAccessToken;
  readonly client: ZenkiClient;
  close(): Promise<void>;
}

/** Replaceable parts, for tests: a clock to move, retry timing. */
export interface ZenkiServiceDependencies {
  clock?: Clock;
  retryEnvironment?: RetryEnvironment;
}

/** Builds a GetAccessToken use case over the Zenki issuer with the settings from `options`. */
export function createZenkiGetAccessToken(
  options: ResolvedZenkiOptions,
  issuer: ZenkiAccessTokenIssuer,
  cache: AccessTokenCache,
  clock: Clock = new SystemClock(),
): GetAccessToken {
  // The fetch lock must outlive a fetch with all its retries, or a second process would fetch too.
  const fetchBudgetMs = Math.max(15_000, options.retry.maxElapsedMs + options.timeoutMs);
  return new GetAccessToken(issuer, cache, clock, {
    cacheKey: zenkiCacheKey(options.baseUrl, options.clientId, options.account),
    skewMs: options.tokenSkewSeconds * 1000,
    refreshAheadMs: options.refreshAheadSeconds * 1000,
    lockTtlMs: fetchBudgetMs,
    lockWaitMs: fetchBudgetMs,
    // Token cache events as span events and a counter; a background refresh as a trace of its own.
    onEvent: tokenEventTelemetry(ZENKI_PROVIDER, options.onTokenEvent),
    runInBackground: backgroundRefreshInNewTrace(ZENKI_PROVIDER),
  });
}

/** Zenki without Nest: validates `options` (throws InvalidZenkiOptionsError naming every bad field) and wires one account. */
export function createZenki(
  options: ZenkiModuleOptions | ResolvedZenkiOptions,
  dependencies: ZenkiServiceDependencies = {},
): ZenkiServices {
  const resolved = resolveZenkiOptions(options);
  const clock = dependencies.clock ?? new SystemClock();
  const http = new ZenkiHttpClient(resolved.baseUrl, resolved.timeoutMs);
  const circuit = new ProviderCircuit(ZENKI_PROVIDER, 'Zenki', resolved.circuitBreaker, resolved.account);
  const issuer = new ZenkiAccessTokenIssuer(resolved, { http, clock, retryEnvironment: dependencies.retryEnvironment, circuit });
  const cache = resolved.cache ?? new InMemoryAccessTokenCache(clock);
  const getAccessToken = traceGetAccessToken(createZenkiGetAccessToken(resolved, issuer, cache, clock), ZENKI_PROVIDER);
  const client = new ZenkiClient(getAccessToken, http, resolved.onProviderCall, resolved.account);
  return { account: resolved.account, options: resolved, http, issuer, circuit, cache, getAccessToken, client, close: () => http.close() };
}
