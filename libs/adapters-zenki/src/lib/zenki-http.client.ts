import { ProviderTimeoutError, ProviderUnavailableError } from '@paytokens/domain';
import { CallDeadline, MAX_RESPONSE_BYTES, ProviderHttpPool, TransportFailure, type ProviderHttpResponse } from '@paytokens/provider-kit';

/** The provider name every Zenki error and event carries. */
export const ZENKI_PROVIDER = 'zenki';

/** One request to Zenki, relative to the base URL. */
export interface ZenkiHttpRequest {
  method: string;
  /** Starts with `/`; appended to the base URL's path. */
  path: string;
  /** `path` with ids as placeholders, for traces; default: derived, ids masked. */
  routeTemplate?: string;
  headers: Record<string, string>;
  body?: string;
  /** Overrides the default timeout, e.g. to stay within a retry budget. */
  timeoutMs?: number;
  /** What the call is, for error messages: `the token request`. */
  operation: string;
}

/** Zenki's answer, body read in full. */
export type ZenkiHttpResponse = ProviderHttpResponse;

/**
 * The one way this package talks to Zenki: a keep-alive pool to the base URL (the provider kit's), a timeout
 * that covers a whole request (connect to last body byte), and transport failures as domain errors.
 */
export class ZenkiHttpClient {
  private readonly pool: ProviderHttpPool;

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {
    this.pool = new ProviderHttpPool({ baseUrl, timeoutMs, keepAliveTimeoutMs: 30_000, provider: ZENKI_PROVIDER });
  }

  /** Sends the request; throws ProviderTimeoutError or ProviderUnavailableError when no full answer came. */
  async send(request: ZenkiHttpRequest): Promise<ZenkiHttpResponse> {
    if (this.pool.closed)
      throw new ProviderUnavailableError(`Zenki client is closed; ${request.operation} was not sent`, { provider: ZENKI_PROVIDER });
    const timeoutMs = Math.max(1, Math.round(request.timeoutMs ?? this.timeoutMs));
    const deadline = new CallDeadline(timeoutMs);
    try {
      // Object.assign, not a spread followed by new properties (a hidden class per call on Node 20, as in the Klarna client).
      return await this.pool.request(Object.assign({}, request, { signal: deadline, timeoutMs }));
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      if (error.errorCode === 'RESPONSE_TOO_LARGE') {
        throw new ProviderUnavailableError(`Zenki answered ${request.operation} with more than ${MAX_RESPONSE_BYTES} bytes`, {
          provider: ZENKI_PROVIDER,
        });
      }
      // Only the failure's kind and code travel on: never the request, which holds credentials.
      const cause = error;
      if (error.kind === 'timeout') {
        throw new ProviderTimeoutError(`Zenki did not answer ${request.operation} within ${timeoutMs} ms`, {
          provider: ZENKI_PROVIDER,
          cause,
        });
      }
      throw new ProviderUnavailableError(
        `Zenki could not be reached for ${request.operation}${error.errorCode ? ` (${error.errorCode})` : ''}`,
        {
          provider: ZENKI_PROVIDER,
          cause,
        },
      );
    } finally {
      deadline.clear();
    }
  }

  /** Ends the pool once its requests have finished (each is bounded by its timeout). */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** A secret-free description, for logs. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, timeoutMs: this.timeoutMs };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ZenkiHttpClient(${this.baseUrl})`;
  }
}
