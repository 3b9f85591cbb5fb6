import { isPaytokensError, SystemClock, type AccessToken, type AccessTokenIssuer, type Clock } from '@paytokens/domain';
import { notifyProviderCall, type ProviderCallEvent } from './provider-call-event';
import { ProviderCircuit } from './provider-circuit';
import { ZENKI_PROVIDER, ZenkiHttp, type ZenkiHttpResponse } from './zenki-http';
import { mapTokenEndpointError } from './zenki-errors';
import { resolveZenkiOptions, type ResolvedZenkiOptions, type ZenkiModuleOptions } from './zenki-options';
import { isRetryableTokenError, realRetryEnvironment, withRetry, type RetryEnvironment } from './zenki-retry';
import { parseTokenResponse } from './zenki-token-response';

/** The token endpoint's path, relative to the base URL. */
export const ZENKI_TOKEN_PATH = '/v1/oauth/tokens';

/** What the issuer may share or have replaced: the HTTP pool, the clock, the retry timing, the circuit breaker. */
export interface ZenkiIssuerDependencies {
  /** A pool shared with a ZenkiClient; when given, the caller closes it. */
  http?: ZenkiHttp;
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
  private readonly http: ZenkiHttp;
  private readonly ownsHttp: boolean;
  private readonly clock: Clock;
  private readonly retryEnvironment: RetryEnvironment;
  /** Zenki's circuit breaker, as used by this issuer. */
  readonly circuit: ProviderCircuit;

  constructor(options: ZenkiModuleOptions | ResolvedZenkiOptions, dependencies: ZenkiIssuerDependencies = {}) {
    this.options = resolveZenkiOptions(options);
    this.ownsHttp = !dependencies.http;
    this.http = dependencies.http ?? new ZenkiHttp(this.options.baseUrl, this.options.timeoutMs);
    this.clock = dependencies.clock ?? new SystemClock();
    this.retryEnvironment = dependencies.retryEnvironment ?? realRetryEnvironment;
    this.circuit = dependencies.circuit ?? new ProviderCircuit(ZENKI_PROVIDER, 'Zenki', this.options.circuitBreaker);
  }

  /** Fetches a brand-new token; throws ProviderAuthenticationError, ValidationError, ProviderUnavailableError, ProviderTimeoutError or RateLimitedError. */
  issue(): Promise<AccessToken> {
    const secret = this.options.clientSecret.reveal();
    const body = JSON.stringify({ clientId: this.options.clientId, clientSecret: secret, grantType: 'client_credentials' });
    const refused = () => this.report({ provider: ZENKI_PROVIDER, operation: 'token', outcome: 'circuit-open', durationMs: 0 });
    let attempt = 0;
    const fetchWithRetries = () =>
      withRetry(
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
            this.report(tokenCallEvent('success', startedAt, attempt, response));
            return token;
          } catch (error) {
            this.report(tokenCallEvent(isPaytokensError(error) ? error.code : 'PROVIDER_UNAVAILABLE', startedAt, attempt, response));
            throw error;
          }
        },
        isRetryableTokenError,
        this.retryEnvironment,
      );
    return this.circuit.execute(fetchWithRetries, refused);
  }

  private report(event: ProviderCallEvent): void {
    notifyProviderCall(this.options.onProviderCall, event);
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

/** One token request's event. The token endpoint sends no correlation id; nothing of the answer's body is kept. */
function tokenCallEvent(outcome: ProviderCallEvent['outcome'], startedAt: number, attempt: number, response?: ZenkiHttpResponse): ProviderCallEvent {
  const event: ProviderCallEvent = { provider: ZENKI_PROVIDER, operation: 'token', outcome, durationMs: Math.round((performance.now() - startedAt) * 100) / 100, attempt };
  if (response) event.status = response.status;
  return event;
}
