import { Pool, type Dispatcher } from 'undici';
import type { ProviderCallSignal } from './call-deadline';
import type { ResponseHeaders } from './rate-limit-headers';
import { traceProviderCall, type ProviderCallTarget } from './telemetry/provider-call-span';
import { classifyTransportError, readLimitedText, TransportFailure } from './transport-failure';

/** A complete answer (any status), its body read in full. */
export interface ProviderHttpResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/** One request, relative to the pool's base URL. Its headers may hold credentials: nothing here prints them. */
export interface ProviderHttpRequest {
  /** An HTTP method, upper-case. */
  method: string;
  /** Starts with `/` (or is empty); appended to the base URL's path. */
  path: string;
  /** `path` with its ids as `{placeholders}` (`/customer-token/v1/tokens/{customerToken}`), for spans; default: derived, ids masked. */
  routeTemplate?: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborting it ends the request as a `timeout` failure: the caller's deadline (a {@link CallDeadline} or an AbortSignal). */
  signal: ProviderCallSignal;
  /** Waiting for the head and for each body chunk; default the pool's `timeoutMs`. */
  timeoutMs?: number;
}

/** Settings of a {@link ProviderHttpPool}. */
export interface ProviderHttpPoolOptions {
  /** An http(s) URL, already checked; its path is a prefix of every request's. */
  baseUrl: string;
  /** The default deadline of each phase, connecting included. */
  timeoutMs: number;
  /** Most sockets kept open. Default 16. */
  connections?: number;
  /** How long an idle socket is kept. Default 10 000 ms. */
  keepAliveTimeoutMs?: number;
  /** The provider's name on spans and metrics (`paytokens.provider`): `klarna`. */
  provider?: string;
}

/** Largest answer body read: a broken or hostile answer cannot exhaust memory. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * A keep-alive undici pool to one provider base URL: resolves with any HTTP answer, rejects with a classified
 * {@link TransportFailure} (`beforeResponse` tells whether the answer's head had arrived). Every adapter sends
 * through one, so timeouts, body limits and failure kinds are the same for every provider.
 */
export class ProviderHttpPool {
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private readonly target: ProviderCallTarget;
  private closing?: Promise<void>;

  constructor(private readonly options: ProviderHttpPoolOptions) {
    const url = new URL(options.baseUrl);
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.target = {
      provider: options.provider,
      address: url.hostname,
      port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
      pathPrefix: this.pathPrefix,
    };
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 16,
      connectTimeout: options.timeoutMs,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
      keepAliveMaxTimeout: 60_000,
    });
  }

  /**
   * Sends one request and reads its answer (at most {@link MAX_RESPONSE_BYTES}), in an OpenTelemetry CLIENT span
   * whose W3C `traceparent` goes with the request (a no-op unless the application installs an SDK).
   */
  async request(request: ProviderHttpRequest): Promise<ProviderHttpResponse> {
    if (this.closing) throw new TransportFailure('closed', undefined, true);
    return traceProviderCall(this.target, request, (headers) => this.send({ ...request, headers }));
  }

  private async send(request: ProviderHttpRequest): Promise<ProviderHttpResponse> {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
    let response;
    try {
      response = await this.pool.request({
        method: request.method as Dispatcher.HttpMethod,
        path: `${this.pathPrefix}${request.path}` || '/',
        headers: request.headers,
        body: request.body,
        signal: request.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw classifyTransportError(error, request.signal.aborted, true);
    }
    try {
      const text = await readLimitedText(response.body, MAX_RESPONSE_BYTES);
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      throw classifyTransportError(error, request.signal.aborted, false);
    }
  }

  /** Ends the pool: waits for requests in flight, then closes every socket. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.pool.close();
    return this.closing;
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.closing !== undefined;
  }
}
