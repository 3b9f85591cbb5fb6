import type { Secret } from '@paytokens/domain';
import {
  CallDeadline,
  ProviderHttpPool,
  TransportFailure,
  type ProviderCallSignal,
  type ProviderHttpResponse,
} from '@paytokens/provider-kit';

/** One request to Klarna. `path` is appended to the base URL; it may hold a secret, so it is never printed. */
export interface KlarnaHttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** `path` with ids as placeholders, for traces (`/customer-token/v1/tokens/{customerToken}`); default: derived, ids masked. */
  routeTemplate?: string;
  body?: unknown;
  /** Extra headers (e.g. `Klarna-Idempotency-Key`). */
  headers?: Record<string, string>;
  /** This call's deadline; default the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Retry once when a pooled connection turns out to be dead before any answer byte came back. */
  retryOnStaleConnection: boolean;
}

/** A complete answer (any status). */
export type KlarnaHttpResponse = ProviderHttpResponse;

/** Settings of {@link KlarnaHttpClient}. */
export interface KlarnaHttpClientSettings {
  baseUrl: string;
  authorization: Secret;
  userAgent: string;
  timeoutMs: number;
  connections: number;
}

/**
 * A pooled keep-alive HTTP client for one Klarna base URL, with one deadline per call (connecting,
 * sending, waiting and reading the body all count), a stale-connection retry where it is safe, and Klarna's headers.
 */
export class KlarnaHttpClient {
  private readonly pool: ProviderHttpPool;

  constructor(private readonly settings: KlarnaHttpClientSettings) {
    this.pool = new ProviderHttpPool({
      baseUrl: settings.baseUrl,
      timeoutMs: settings.timeoutMs,
      connections: settings.connections,
      provider: 'klarna',
    });
  }

  /**
   * Sends the request; resolves with any HTTP answer, rejects with a {@link TransportFailure}.
   * `onRetry` hears about an attempt that failed and is about to be sent again (a stale connection).
   */
  async send(request: KlarnaHttpRequest, onRetry?: (failure: TransportFailure, durationMs: number) => void): Promise<KlarnaHttpResponse> {
    const timeoutMs = request.timeoutMs ?? this.settings.timeoutMs;
    const deadline = new CallDeadline(timeoutMs);
    try {
      for (let attempt = 1; ; attempt++) {
        const startedAt = performance.now();
        try {
          return await this.attempt(request, deadline, timeoutMs);
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
      deadline.clear();
    }
  }

  /**
   * Whether the base URL answers HTTP at all, through this client's own pool: a credential-free HEAD whose
   * status does not matter. Resolves with the status, or rejects with a {@link TransportFailure}.
   */
  async probe(timeoutMs: number): Promise<number> {
    const signal = AbortSignal.timeout(timeoutMs);
    const response = await this.pool.request({
      method: 'HEAD',
      path: '',
      headers: { 'user-agent': this.settings.userAgent },
      signal,
      timeoutMs,
    });
    return response.status;
  }

  /** Ends the pool: waits for calls in flight, then closes every socket. Safe to call more than once. */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.pool.closed;
  }

  private attempt(request: KlarnaHttpRequest, signal: ProviderCallSignal, timeoutMs: number): Promise<KlarnaHttpResponse> {
    // Object.assign, not `{ ...request.headers, authorization, … }`: on Node 20 a spread followed by more properties
    // gives every result a hidden class of its own, old-generation garbage per call (tools/bench/FINDINGS.md).
    const headers: Record<string, string> = Object.assign({}, request.headers, {
      authorization: this.settings.authorization.reveal(),
      'user-agent': this.settings.userAgent,
      accept: 'application/json',
    });
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    return this.pool.request({
      method: request.method,
      path: request.path,
      routeTemplate: request.routeTemplate,
      headers,
      body: payload,
      signal,
      timeoutMs,
    });
  }
}
