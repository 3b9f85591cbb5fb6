import { ErrorCode, isPaytokensError, SystemClock, type AccessToken, type AccessTokenIssuer, type Clock } from '@paytokens/domain';
import { elapsedMs, notifyProviderCall, ProviderCircuit, type ProviderCallEvent } from '@paytokens/provider-kit';
import { parseTokenResponse, toTokenRequestBody } from './wire/zenki-wire.mapper';
import { ZENKI_PROVIDER, ZenkiHttpClient, type ZenkiHttpResponse } from './zenki-http.client';
import { resolveZenkiOptions, type ResolvedZenkiOptions, type ZenkiModuleOptions } from './zenki-options';
import { isRetryableTokenError, realRetryEnvironment, withRetry, type RetryEnvironment } from './zenki-retry';
import { mapTokenEndpointError } from './zenki.errors';

/** The token endpoint's path, relative to the base URL. */
export const ZENKI_TOKEN_PATH = '/v1/oauth/tokens';

/** What the issuer may share or have replaced: the HTTP pool, the clock, the retry timing, the circuit breaker. */
export interface ZenkiIssuerDependencies {
  /** A pool shared with a ZenkiClient; when given, the caller closes it. */
  http?: ZenkiHttpClient;
  clock?: Clock;
  retryEnvironment?: RetryEnvironment;
  /** Default: a circuit of its own, from the options' `circuitBreaker`. */
  circuit?: ProviderCircuit;
}

/**
 * The domain's {@link AccessTokenIssuer} for Zenki: `POST {base}/v1/oauth/tokens` with the client
 * credentials as camelCase JSON, retried on server errors, transport failures and timeouts (fetching a
 * token has no side effect), never on a refusal. Each `issue()` fetches a new token: cache with GetAccessToken.
 * The whole fetch, retries included, runs through Zenki's circuit breaker: while it is open, `issue()` fails
 * at once with ProviderUnavailableError and nothing is sent.
 */
export class ZenkiAccessTokenIssuer implements AccessTokenIssuer {
  readonly provider = ZENKI_PROVIDER;
  private readonly options: ResolvedZenkiOptions;
  private readonly http: ZenkiHttpClient;
  private readonly ownsHttp: boolean;
  private readonly clock: Clock;
  private readonly retryEnvironment: RetryEnvironment;
  /** Zenki's circuit breaker, as used by this issuer. */
  readonly circuit: ProviderCircuit;
  /** Which of the configured client secrets is tried first: the last one Zenki accepted. */
  private secretIndex = 0;

  constructor(options: ZenkiModuleOptions | ResolvedZenkiOptions, dependencies: ZenkiIssuerDependencies = {}) {
    this.options = resolveZenkiOptions(options);
    this.ownsHttp = !dependencies.http;
    this.http = dependencies.http ?? new ZenkiHttpClient(this.options.baseUrl, this.options.timeoutMs);
    this.clock = dependencies.clock ?? new SystemClock();
    this.retryEnvironment = dependencies.retryEnvironment ?? realRetryEnvironment;
    this.circuit = dependencies.circuit ?? new ProviderCircuit(ZENKI_PROVIDER, 'Zenki', this.options.circuitBreaker, this.options.account);
  }

  /**
   * Fetches a brand-new token; throws ProviderAuthenticationError, ValidationError, ProviderUnavailableError,
   * ProviderTimeoutError or RateLimitedError. With several client secrets, a refusal of the credentials tries the
   * next one (rotation); the one that worked is used first from then on, and `onSecretFallback` hears of it once.
   */
  issue(): Promise<AccessToken> {
    const refused = () =>
      this.report({ provider: ZENKI_PROVIDER, account: this.options.account, operation: 'token', outcome: 'circuit-open', durationMs: 0 });
    return this.circuit.execute(() => this.fetchWithSecretFallback(), refused);
  }

  private async fetchWithSecretFallback(): Promise<AccessToken> {
    const secrets = this.options.clientSecrets;
    const first = this.secretIndex;
    for (let index = first; ; index++) {
      try {
        const token = await this.fetchWithRetries(secrets[index].reveal());
        if (index !== this.secretIndex) {
          this.secretIndex = index;
          const listener = this.options.onSecretFallback;
          try {
            listener?.({ account: this.options.account, secretIndex: index });
          } catch {
            // Observing must never break a token fetch.
          }
        }
        return token;
      } catch (error) {
        const credentialsRefused = isPaytokensError(error) && error.code === ErrorCode.ProviderAuthentication;
        if (!credentialsRefused || index + 1 >= secrets.length) throw error;
      }
    }
  }

  private fetchWithRetries(secret: string): Promise<AccessToken> {
    const body = toTokenRequestBody(this.options.clientId, secret);
    let attempt = 0;
    return withRetry(
      this.options.retry,
      async (remainingMs) => {
        attempt += 1;
        const startedAt = performance.now();
        let response: ZenkiHttpResponse | undefined;
        try {
          // The token may have been minted any time during the request: counting from its start errs on the safe side.
          const issuedAt = this.clock.now();
          response = await this.http.send({
            method: 'POST',
            path: ZENKI_TOKEN_PATH,
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body,
            timeoutMs: Math.min(this.options.timeoutMs, Math.max(1, remainingMs)),
            operation: 'the token request',
          });
          if (response.status < 200 || response.status >= 300) throw mapTokenEndpointError(response, [secret]);
          const token = parseTokenResponse(response.text, response.status, issuedAt);
          this.report(this.tokenCallEvent('success', startedAt, attempt, response));
          return token;
        } catch (error) {
          this.report(this.tokenCallEvent(isPaytokensError(error) ? error.code : 'PROVIDER_UNAVAILABLE', startedAt, attempt, response));
          throw error;
        }
      },
      isRetryableTokenError,
      this.retryEnvironment,
    );
  }

  /** One token request's event. The token endpoint sends no correlation id; nothing of the answer's body is kept. */
  private tokenCallEvent(
    outcome: ProviderCallEvent['outcome'],
    startedAt: number,
    attempt: number,
    response?: ZenkiHttpResponse,
  ): ProviderCallEvent {
    const event: ProviderCallEvent = {
      provider: ZENKI_PROVIDER,
      account: this.options.account,
      operation: 'token',
      outcome,
      durationMs: elapsedMs(startedAt),
      attempt,
    };
    if (response) event.status = response.status;
    return event;
  }

  private report(event: ProviderCallEvent): void {
    notifyProviderCall(this.options.onProviderCall, event);
  }

  /** Ends the HTTP pool, when this issuer created it. */
  async close(): Promise<void> {
    if (this.ownsHttp) await this.http.close();
  }

  /** A secret-free description, for logs. */
  toJSON(): Record<string, unknown> {
    return { provider: this.provider, account: this.options.account, baseUrl: this.options.baseUrl, clientId: this.options.clientId };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ZenkiAccessTokenIssuer(${this.options.baseUrl}, clientId=${this.options.clientId})`;
  }
}
