import { Pool, type Dispatcher } from 'undici';
import type { Secret } from '@paytokens/domain';

/** What went wrong below HTTP. Carries an error code only: never a URL, header or body. */
export type KlarnaTransportFailureKind = 'timeout' | 'connection-reset' | 'connection-refused' | 'closed' | 'network';

/** A call that got no complete HTTP answer. */
export class KlarnaTransportFailure extends Error {
  constructor(
    readonly kind: KlarnaTransportFailureKind,
    /** The system or undici error code, e.g. `ECONNRESET`, `UND_ERR_SOCKET`. */
    readonly errorCode: string | undefined,
    /** True when not a byte of the answer had been parsed (the response head had not arrived). */
    readonly beforeResponse: boolean,
  ) {
    super(`Klarna transport failure: ${kind}${errorCode ? ` (${errorCode})` : ''}`);
    this.name = 'KlarnaTransportFailure';
  }
}

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
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const CLOSED_CODES = new Set(['UND_ERR_CLOSED', 'UND_ERR_DESTROYED']);

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
   * Sends the request; resolves with any HTTP answer, rejects with a {@link KlarnaTransportFailure}.
   * `onRetry` hears about an attempt that failed and is about to be sent again (a stale connection).
   */
  async send(request: KlarnaHttpRequest, onRetry?: (failure: KlarnaTransportFailure, durationMs: number) => void): Promise<KlarnaHttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.settings.timeoutMs);
    timer.unref();
    try {
      for (let attempt = 1; ; attempt++) {
        const startedAt = performance.now();
        try {
          return await this.attempt(request, controller.signal);
        } catch (error) {
          const failure = error as KlarnaTransportFailure;
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
    if (this.closing) throw new KlarnaTransportFailure('closed', undefined, true);
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
      throw toFailure(error, signal, true);
    }
    try {
      const text = await readLimited(response.body);
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      throw toFailure(error, signal, false);
    }
  }
}

async function readLimited(body: AsyncIterable<Buffer> & { destroy(error?: Error): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      body.destroy();
      throw new KlarnaTransportFailure('network', 'KLARNA_RESPONSE_TOO_LARGE', false);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function toFailure(error: unknown, signal: AbortSignal, beforeResponse: boolean): KlarnaTransportFailure {
  if (error instanceof KlarnaTransportFailure) return error;
  const code = errorCode(error);
  if (signal.aborted || (code !== undefined && TIMEOUT_CODES.has(code))) return new KlarnaTransportFailure('timeout', code, beforeResponse);
  if (code !== undefined && RESET_CODES.has(code)) return new KlarnaTransportFailure('connection-reset', code, beforeResponse);
  if (code !== undefined && REFUSED_CODES.has(code)) return new KlarnaTransportFailure('connection-refused', code, beforeResponse);
  if (code !== undefined && CLOSED_CODES.has(code)) return new KlarnaTransportFailure('closed', code, beforeResponse);
  return new KlarnaTransportFailure('network', code, beforeResponse);
}

/** The code of an error, also of the first error inside an AggregateError (happy-eyeballs connects). */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown }).errors;
  return Array.isArray(inner) && inner.length > 0 ? errorCode(inner[0]) : undefined;
}
