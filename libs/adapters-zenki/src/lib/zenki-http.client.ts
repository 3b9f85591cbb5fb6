import { Pool } from 'undici';
import { isPaytokensError, ProviderTimeoutError, ProviderUnavailableError } from '@paytokens/domain';
import { classifyTransportError, readLimitedText, TransportFailure } from '@paytokens/provider-kit';

/** The provider name every Zenki error and event carries. */
export const ZENKI_PROVIDER = 'zenki';

/** One request to Zenki, relative to the base URL. */
export interface ZenkiHttpRequest {
  method: string;
  /** Starts with `/`; appended to the base URL's path. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Overrides the default timeout, e.g. to stay within a retry budget. */
  timeoutMs?: number;
  /** What the call is, for error messages: `the token request`. */
  operation: string;
}

/** Zenki's answer, body read in full. */
export interface ZenkiHttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The one way this package talks to Zenki: a keep-alive undici pool to the base URL's origin, a timeout
 * that covers a whole request (connect to last body byte), and transport failures as domain errors.
 */
export class ZenkiHttpClient {
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private closing?: Promise<void>;

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {
    const url = new URL(baseUrl);
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, { connections: 16, keepAliveTimeout: 30_000, connect: { timeout: timeoutMs } });
  }

  /** Sends the request; throws ProviderTimeoutError or ProviderUnavailableError when no full answer came. */
  async send(request: ZenkiHttpRequest): Promise<ZenkiHttpResponse> {
    if (this.closing) throw new ProviderUnavailableError(`Zenki client is closed; ${request.operation} was not sent`, { provider: ZENKI_PROVIDER });
    const timeoutMs = Math.max(1, Math.round(request.timeoutMs ?? this.timeoutMs));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    timer.unref();
    try {
      const response = await this.pool.request({
        method: request.method as 'GET',
        path: `${this.pathPrefix}${request.path}`,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const text = await readLimitedText(response.body, MAX_BODY_BYTES);
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      if (isPaytokensError(error)) throw error;
      if (error instanceof TransportFailure && error.errorCode === 'RESPONSE_TOO_LARGE') {
        throw new ProviderUnavailableError(`Zenki answered ${request.operation} with more than ${MAX_BODY_BYTES} bytes`, { provider: ZENKI_PROVIDER });
      }
      const failure = classifyTransportError(error, controller.signal.aborted, false);
      const code = failure.errorCode;
      // Only the code and undici's own message travel on: never the request, which holds credentials.
      const cause = new Error(`${code ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`);
      if (failure.kind === 'timeout') {
        throw new ProviderTimeoutError(`Zenki did not answer ${request.operation} within ${timeoutMs} ms`, { provider: ZENKI_PROVIDER, cause });
      }
      throw new ProviderUnavailableError(`Zenki could not be reached for ${request.operation}${code ? ` (${code})` : ''}`, {
        provider: ZENKI_PROVIDER,
        cause,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the pool once its requests have finished (each is bounded by its timeout). */
  close(): Promise<void> {
    this.closing ??= this.pool.close();
    return this.closing;
  }

  /** A secret-free description, for logs. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, timeoutMs: this.timeoutMs };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ZenkiHttpClient(${this.baseUrl})`;
  }
}
