import { ProviderUnavailableError, type AccessToken, type GetAccessToken } from '@paytokens/domain';
import { mapApiError } from './zenki-errors';
import { ZENKI_PROVIDER, type ZenkiHttp, type ZenkiHttpResponse } from './zenki-http';
import { toZenkiMerchant, type ZenkiMerchant } from './zenki-merchant';

/** Extra request settings for {@link ZenkiClient.request}. */
export interface ZenkiRequestOptions {
  /** Added to the request; cannot replace Authorization, Accept or Content-Type. */
  headers?: Record<string, string>;
}

/**
 * Authorized calls to the Zenki API: a bearer token from GetAccessToken on each call, and when Zenki
 * answers 401 the refused token is invalidated and the call sent once more with a fresh one.
 * Other failures are not retried here: a call may have side effects.
 */
export class ZenkiClient {
  constructor(
    private readonly tokens: GetAccessToken,
    private readonly http: ZenkiHttp,
  ) {}

  /** Sends `method path` with an optional JSON body; resolves to the parsed JSON answer (undefined when empty). */
  async request<T = unknown>(method: string, path: string, body?: unknown, options: ZenkiRequestOptions = {}): Promise<T> {
    // Only paths: an absolute URL would send our bearer token to another host.
    if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) throw new TypeError('path must be a path starting with a single /');
    const verb = method.toUpperCase();
    const operation = `${verb} ${path.split('?')[0]}`;
    let token = await this.tokens.execute();
    let response = await this.send(verb, path, body, token, operation, options);
    if (response.status === 401) {
      // The token died early (revoked, or Zenki restarted): forget it and try once with a new one.
      await this.tokens.invalidate(token);
      token = await this.tokens.execute();
      response = await this.send(verb, path, body, token, operation, options);
    }
    if (response.status < 200 || response.status >= 300) throw mapApiError(response, operation, [token.value.reveal()]);
    if (response.text.trim() === '') return undefined as T;
    try {
      return JSON.parse(response.text) as T;
    } catch {
      throw new ProviderUnavailableError(`Zenki answered ${operation} with a body that is not JSON`, { provider: ZENKI_PROVIDER, providerStatus: response.status });
    }
  }

  /** `GET /v1/pay/me`: the merchant the credentials belong to. */
  async getMerchantInfo(): Promise<ZenkiMerchant> {
    return toZenkiMerchant(await this.request('GET', '/v1/pay/me'));
  }

  private send(method: string, path: string, body: unknown, token: AccessToken, operation: string, options: ZenkiRequestOptions): Promise<ZenkiHttpResponse> {
    return this.http.send({
      method,
      path,
      headers: {
        ...lowerCaseKeys(options.headers ?? {}),
        // Zenki's document requires both on every operation, GET included.
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: `Bearer ${token.value.reveal()}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      operation,
    });
  }

  toJSON(): Record<string, unknown> {
    return { provider: ZENKI_PROVIDER, baseUrl: this.http.baseUrl };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ZenkiClient(${this.http.baseUrl})`;
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
