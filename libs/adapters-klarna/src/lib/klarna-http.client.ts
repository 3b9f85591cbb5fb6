import { Pool, type Dispatcher } from 'undici';
import type { Secret } from '@paytokens/domain';
import { classifyTransportError, readLimitedText, TransportFailure } from '@paytokens/provider-kit';

/** One request to Klarna. `path` is appended to the base URL; it may hold a secret, so it is never printed. */
export interface KlarnaHttpRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
  /** Retry once when a pooled connection turns out to be dead before any answer byte came back. */
  retryOnStaleConnection: boolean;
}

/** A complete answer (any status). */
export interface KlarnaHttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Settings of {@link KlarnaHttpClient}. */
export interface KlarnaHttpClientSettings {
  baseUrl: string;
  authorization: Secret;
  userAgent: string;
  timeoutMs: number;
  connections: number;
}

const MAX_RESPONSE_BYTES = 1024 * 1024;
/**
 * A pooled keep-alive HTTP client for one Klarna base URL, with one deadline per call (connecting,
 * sending, waiting and reading the body all count).
 */
export class KlarnaHttpClient {
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private closing?: Promise<void>;

  constructor(private readonly settings: KlarnaHttpClientSettings) {
    const url = new URL(settings.baseUrl);
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: settings.connections,
      connectTimeout: settings.timeoutMs,
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
    });
  }

  /**
   * Sends the request; resolves with any HTTP answer, rejects with a {@link TransportFailure}.
   * `onRetry` hears about an attempt that failed and is about to be sent again (a stale connection).
   */
  async send(request: KlarnaHttpRequest, onRetry?: (failure: TransportFailure, durationMs: number) => void): Promise<KlarnaHttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.settings.timeoutMs);
    timer.unref();
    try {
      for (let attempt = 1; ; attempt++) {
        const startedAt = performance.now();
        try {
          return await this.attempt(request, controller.signal);
        } catch (error) {
          const failure = error as TransportFailure;
          // A keep-alive socket the server (or a proxy) closed while idle fails the next request with a reset
          // before any answer byte: the request never reached Klarna's application, so one more try on a fresh
          // socket is safe for GET (read) and for the PATCH to CANCELLED (setting the same status twice is
          // idempotent). Never for create: it consumes the authorization (see the gateway).
          if (attempt === 1 && request.retryOnStaleConnection && failure.kind === 'connection-reset' && failure.beforeResponse) {
            onRetry?.(failure, performance.now() - startedAt);
            continue;
          }
          throw failure;
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Whether the base URL answers HTTP at all, through this client's own pool: a credential-free HEAD whose
   * status does not matter. Resolves with the status, or rejects with a {@link TransportFailure}.
   */
  async probe(timeoutMs: number): Promise<number> {
    if (this.closing) throw new TransportFailure('closed', undefined, true);
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await this.pool.request({ method: 'HEAD', path: this.pathPrefix || '/', headers: { 'user-agent': this.settings.userAgent }, signal });
      await response.body.dump();
      return response.statusCode;
    } catch (error) {
      throw classifyTransportError(error, signal.aborted, true);
    }
  }

  /** Ends the pool: waits for calls in flight, then closes every socket. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.pool.close();
    return this.closing;
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.closing !== undefined;
  }

  private async attempt(request: KlarnaHttpRequest, signal: AbortSignal): Promise<KlarnaHttpResponse> {
    if (this.closing) throw new TransportFailure('closed', undefined, true);
    const headers: Record<string, string> = {
      authorization: this.settings.authorization.reveal(),
      'user-agent': this.settings.userAgent,
      accept: 'application/json',
    };
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';

    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({ method: request.method, path: `${this.pathPrefix}${request.path}`, headers, body: payload, signal });
    } catch (error) {
      throw classifyTransportError(error, signal.aborted, true);
    }
    try {
      const text = await readLimitedText(response.body, MAX_RESPONSE_BYTES);
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      throw classifyTransportError(error, signal.aborted, false);
    }
  }
}
