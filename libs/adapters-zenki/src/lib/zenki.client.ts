import { isPaytokensError, ProviderUnavailableError, type AccessToken, type GetAccessToken } from '@paytokens/domain';
import { DEFAULT_ACCOUNT, elapsedMs, notifyProviderCall, type ProviderCallEvent, type ProviderCallListener } from '@paytokens/provider-kit';
import { toZenkiMerchant } from './wire/zenki-wire.mapper';
import { ZENKI_PROVIDER, type ZenkiHttpClient, type ZenkiHttpResponse } from './zenki-http.client';
import type { ZenkiMerchant } from './zenki-merchant';
import { mapApiError } from './zenki.errors';

/** Extra request settings for {@link ZenkiClient.request}. */
export interface ZenkiRequestOptions {
  /** Added to the request; cannot replace Authorization, Accept or Content-Type. */
  headers?: Record<string, string>;
  /** The path with its ids as placeholders (`/v1/pay/orders/{orderId}`), for traces; default: derived, ids masked. */
  routeTemplate?: string;
}

/**
 * Authorized calls to the Zenki API: a bearer token from GetAccessToken on each call, and when Zenki
 * answers 401 or 403 (its document's "Access denied" for an unusable bearer) the refused token is
 * invalidated and the call sent once more with a fresh one.
 * Other failures are not retried here: a call may have side effects. Each HTTP call is reported to
 * `onProviderCall` as operation `api`.
 */
export class ZenkiClient {
  constructor(
    private readonly tokens: GetAccessToken,
    private readonly http: ZenkiHttpClient,
    private readonly onProviderCall?: ProviderCallListener,
    /** The account the tokens belong to, for events. */
    readonly account: string = DEFAULT_ACCOUNT,
  ) {}

  /** Sends `method path` with an optional JSON body; resolves to the parsed JSON answer (undefined when empty). */
  async request<T = unknown>(method: string, path: string, body?: unknown, options: ZenkiRequestOptions = {}): Promise<T> {
    // Only paths: an absolute URL would send our bearer token to another host.
    if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//'))
      throw new TypeError('path must be a path starting with a single /');
    const verb = method.toUpperCase();
    const operation = `${verb} ${path.split('?')[0]}`;
    let token = await this.tokens.execute();
    let response = await this.send(verb, path, body, token, operation, options, 1);
    if (response.status === 401 || response.status === 403) {
      // The token died early (revoked, or Zenki restarted): forget it and try once with a new one.
      await this.tokens.invalidate(token);
      token = await this.tokens.execute();
      response = await this.send(verb, path, body, token, operation, options, 2);
    }
    if (response.status < 200 || response.status >= 300) throw mapApiError(response, operation, [token.value.reveal()]);
    if (response.text.trim() === '') return undefined as T;
    try {
      return JSON.parse(response.text) as T;
    } catch {
      throw new ProviderUnavailableError(`Zenki answered ${operation} with a body that is not JSON`, {
        provider: ZENKI_PROVIDER,
        providerStatus: response.status,
      });
    }
  }

  /** `GET /v1/pay/me`: the merchant the credentials belong to. */
  async getMerchantInfo(): Promise<ZenkiMerchant> {
    return toZenkiMerchant(await this.request('GET', '/v1/pay/me'));
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    token: AccessToken,
    operation: string,
    options: ZenkiRequestOptions,
    attempt: number,
  ): Promise<ZenkiHttpResponse> {
    const startedAt = performance.now();
    const event: ProviderCallEvent = {
      provider: ZENKI_PROVIDER,
      account: this.account,
      operation: 'api',
      outcome: 'success',
      durationMs: 0,
      attempt,
    };
    try {
      const response = await this.sendOnce(method, path, body, token, operation, options);
      event.status = response.status;
      if (response.status < 200 || response.status >= 300) {
        // Mapped here only to name the outcome; the path is never reported, as it may carry the caller's ids.
        const fault = mapApiError(response, operation, [token.value.reveal()]);
        event.outcome = fault.code;
        if (fault.correlationId) event.correlationId = fault.correlationId;
      }
      return response;
    } catch (error) {
      event.outcome = isPaytokensError(error) ? error.code : 'PROVIDER_UNAVAILABLE';
      throw error;
    } finally {
      event.durationMs = elapsedMs(startedAt);
      notifyProviderCall(this.onProviderCall, event);
    }
  }

  private sendOnce(
    method: string,
    path: string,
    body: unknown,
    token: AccessToken,
    operation: string,
    options: ZenkiRequestOptions,
  ): Promise<ZenkiHttpResponse> {
    return this.http.send({
      method,
      path,
      headers: Object.assign(lowerCaseKeys(options.headers ?? {}), {
        // Zenki's document requires both on every operation, GET included.
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: `Bearer ${token.value.reveal()}`,
      }),
      body: body === undefined ? undefined : JSON.stringify(body),
      operation,
      routeTemplate: options.routeTemplate,
    });
  }

  /** A secret-free description, for logs. */
  toJSON(): Record<string, unknown> {
    return { provider: ZENKI_PROVIDER, account: this.account, baseUrl: this.http.baseUrl };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ZenkiClient(${this.http.baseUrl})`;
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
