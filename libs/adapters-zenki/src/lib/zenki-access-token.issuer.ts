import { SystemClock, type AccessToken, type AccessTokenIssuer, type Clock } from '@paytokens/domain';
import { ZENKI_PROVIDER, ZenkiHttp } from './zenki-http';
import { mapTokenEndpointError } from './zenki-errors';
import { resolveZenkiOptions, type ResolvedZenkiOptions, type ZenkiModuleOptions } from './zenki-options';
import { isRetryableTokenError, realRetryEnvironment, withRetry, type RetryEnvironment } from './zenki-retry';
import { parseTokenResponse } from './zenki-token-response';

/** The token endpoint's path, relative to the base URL. */
export const ZENKI_TOKEN_PATH = '/v1/oauth/tokens';

/** What the issuer may share or have replaced: the HTTP pool, the clock, the retry timing. */
export interface ZenkiIssuerDependencies {
  /** A pool shared with a ZenkiClient; when given, the caller closes it. */
  http?: ZenkiHttp;
  clock?: Clock;
  retryEnvironment?: RetryEnvironment;
}

/**
 * The domain's {@link AccessTokenIssuer} for Zenki: `POST {base}/v1/oauth/tokens` with the client
 * credentials as camelCase JSON, retried on server errors, transport failures and timeouts (fetching a
 * token has no side effect), never on a refusal. Each `issue()` fetches a new token: cache with GetAccessToken.
 */
export class ZenkiAccessTokenIssuer implements AccessTokenIssuer {
  readonly provider = ZENKI_PROVIDER;
  private readonly options: ResolvedZenkiOptions;
  private readonly http: ZenkiHttp;
  private readonly ownsHttp: boolean;
  private readonly clock: Clock;
  private readonly retryEnvironment: RetryEnvironment;

  constructor(options: ZenkiModuleOptions | ResolvedZenkiOptions, dependencies: ZenkiIssuerDependencies = {}) {
    this.options = resolveZenkiOptions(options);
    this.ownsHttp = !dependencies.http;
    this.http = dependencies.http ?? new ZenkiHttp(this.options.baseUrl, this.options.timeoutMs);
    this.clock = dependencies.clock ?? new SystemClock();
    this.retryEnvironment = dependencies.retryEnvironment ?? realRetryEnvironment;
  }

  /** Fetches a brand-new token; throws ProviderAuthenticationError, ValidationError, ProviderUnavailableError, ProviderTimeoutError or RateLimitedError. */
  issue(): Promise<AccessToken> {
    const secret = this.options.clientSecret.reveal();
    const body = JSON.stringify({ clientId: this.options.clientId, clientSecret: secret, grantType: 'client_credentials' });
    return withRetry(
      this.options.retry,
      async (remainingMs) => {
        // The token may have been minted any time during the request: counting from its start errs on the safe side.
        const issuedAt = this.clock.now();
        const response = await this.http.send({
          method: 'POST',
          path: ZENKI_TOKEN_PATH,
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
          timeoutMs: Math.min(this.options.timeoutMs, Math.max(1, remainingMs)),
          operation: 'the token request',
        });
        if (response.status >= 200 && response.status < 300) return parseTokenResponse(response.text, response.status, issuedAt);
        throw mapTokenEndpointError(response, [secret]);
      },
      isRetryableTokenError,
      this.retryEnvironment,
    );
  }

  /** Ends the HTTP pool, when this issuer created it. */
  async close(): Promise<void> {
    if (this.ownsHttp) await this.http.close();
  }

  toJSON(): Record<string, unknown> {
    return { provider: this.provider, baseUrl: this.options.baseUrl, clientId: this.options.clientId };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ZenkiAccessTokenIssuer(${this.options.baseUrl}, clientId=${this.options.clientId})`;
  }
}
