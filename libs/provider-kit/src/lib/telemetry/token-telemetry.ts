import type { AccessToken, AccessTokenEvent } from '@paytokens/domain';
import { paytokensInstruments } from './instruments';
import { addSpanEvent, traceExecute, traceInNewTrace } from './use-case-span';

// The events' names on spans and in `paytokens.access_token.cache.events` (the Prometheus labels' words).
const TOKEN_EVENT_NAMES: Readonly<Record<AccessTokenEvent['type'], string>> = {
  hit: 'hit',
  miss: 'miss',
  fetched: 'refresh',
  'fetch-failed': 'refresh_failed',
  'waited-for-peer': 'waited_for_peer',
  'cache-error': 'cache_error',
};

/**
 * A GetAccessToken `onEvent` listener that records each event as a span event (`paytokens.token_cache.hit`…)
 * on the active span and counts it, then calls `next` (the application's own listener).
 */
export function tokenEventTelemetry(provider: string, next?: (event: AccessTokenEvent) => void): (event: AccessTokenEvent) => void {
  return (event) => {
    const name = TOKEN_EVENT_NAMES[event.type];
    const attributes: Record<string, string | boolean> = { 'paytokens.provider': provider };
    if ('background' in event) attributes['paytokens.background'] = event.background;
    addSpanEvent(`paytokens.token_cache.${name}`, attributes);
    paytokensInstruments().tokenCacheEvents.add(1, { 'paytokens.provider': provider, event: name });
    next?.(event);
  };
}

/** Runs a background token refresh as a trace of its own (GetAccessToken's `runInBackground`). */
export function backgroundRefreshInNewTrace(provider: string): <T>(refresh: () => Promise<T>) => Promise<T> {
  return (refresh) => traceInNewTrace('GetAccessToken background refresh', refresh, { 'paytokens.provider': provider });
}

/** Traces a GetAccessToken's `execute` and records the lifetime left of every token it hands out. */
export function traceGetAccessToken<T extends { execute(options?: { forceRefresh?: boolean }): Promise<AccessToken> }>(
  useCase: T,
  provider: string,
): T {
  const execute = useCase.execute.bind(useCase);
  const attributes = { 'paytokens.provider': provider };
  useCase.execute = (options) =>
    execute(options).then((token) => {
      paytokensInstruments().tokenLifetimeLeft.record(Math.max(0, (token.expiresAt - Date.now()) / 1000), attributes);
      return token;
    });
  return traceExecute(useCase, 'GetAccessToken', { 'paytokens.provider': provider });
}
