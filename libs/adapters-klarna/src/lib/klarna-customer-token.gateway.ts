import { inspect } from 'node:util';
import {
  assertTokenId,
  isPaytokensError,
  Secret,
  ValidationError,
  type CustomerToken,
  type CustomerTokenGateway,
  type CustomerTokenRequest,
} from '@paytokens/domain';
import { elapsedMs, headerValue, notifyProviderCall, ProviderCircuit, revealSecretLike, TransportFailure, type ProviderCallEvent } from '@paytokens/provider-kit';
import { KlarnaHttpClient, type KlarnaHttpRequest, type KlarnaHttpResponse } from './klarna-http.client';
import { resolveKlarnaOptions, type KlarnaGatewayOptions, type ResolvedKlarnaOptions } from './klarna-options';
import { klarnaUserAgent } from './klarna-user-agent';
import { mapKlarnaErrorResponse, mapKlarnaTransportFailure, unreadableKlarnaAnswer, type KlarnaOperation } from './klarna.errors';
import { checkCustomerTokenCreationRequest, toDomainFieldPath } from './wire/klarna-request.rules';
import { fromCreationResponse, fromCustomerTokenResponse, toCreationRequestBody } from './wire/klarna-wire.mapper';
import type { KlarnaCustomerTokenStatusUpdateRequest } from './wire/klarna-wire.types';

/** The provider name every Klarna error and event carries. */
export const KLARNA_PROVIDER = 'klarna';

/** What the gateway may share: the circuit breaker (KlarnaModule shares one with readiness and metrics). */
export interface KlarnaGatewayDependencies {
  /** Default: a circuit of its own, from the options' `circuitBreaker`. */
  circuit?: ProviderCircuit;
}

/**
 * The {@link CustomerTokenGateway} for Klarna: Payments API v1 to create a customer token, Customer Token
 * API v1 to read and cancel one. Speaks snake_case JSON to Klarna, the domain's types to everyone else,
 * and throws only the domain's errors. Every call goes through Klarna's circuit breaker: while it is open,
 * calls fail at once with ProviderUnavailableError and no request is made.
 */
export class KlarnaCustomerTokenGateway implements CustomerTokenGateway {
  readonly provider = KLARNA_PROVIDER;
  private readonly config: ResolvedKlarnaOptions;
  private readonly http: KlarnaHttpClient;
  /** Klarna's circuit breaker, as used by this gateway. */
  readonly circuit: ProviderCircuit;

  constructor(options: KlarnaGatewayOptions | ResolvedKlarnaOptions, dependencies: KlarnaGatewayDependencies = {}) {
    this.config = resolveKlarnaOptions(options);
    this.circuit = dependencies.circuit ?? new ProviderCircuit(this.provider, 'Klarna', this.config.circuitBreaker, this.config.account);
    const basic = Buffer.from(`${this.config.username}:${this.config.password.reveal()}`, 'utf8').toString('base64');
    this.http = new KlarnaHttpClient({
      baseUrl: this.config.baseUrl,
      authorization: new Secret(`Basic ${basic}`),
      userAgent: klarnaUserAgent(),
      timeoutMs: this.config.timeoutMs,
      connections: this.config.connections,
    });
  }

  /** The account these credentials belong to (`default` for a single unnamed one). */
  get account(): string {
    return this.config.account;
  }

  /** Where requests go, e.g. `https://api.playground.klarna.com`. */
  get baseUrl(): string {
    return this.config.baseUrl;
  }

  /**
   * POST /payments/v1/authorizations/{authorizationToken}/customer-token. Sent once, never retried: it
   * consumes the authorization, so a second attempt would fail with 404 or, worse, make a second token.
   * Callers get idempotency from the domain's IssueCustomerToken. (The circuit breaker never retries either.)
   */
  async create(request: CustomerTokenRequest): Promise<CustomerToken> {
    const body = toCreationRequestBody(request ?? ({} as CustomerTokenRequest));
    const problems = checkCustomerTokenCreationRequest(body).map((p) => ({ field: toDomainFieldPath(p.path), message: p.message }));
    const authorizationToken = revealSecretLike(request?.authorizationToken) ?? '';
    if (authorizationToken === '') problems.unshift({ field: 'authorizationToken', message: 'is required' });
    if (problems.length > 0) throw new ValidationError(problems);

    const secrets = [authorizationToken];
    return this.call(
      'create',
      { method: 'POST', path: `/payments/v1/authorizations/${encodeURIComponent(authorizationToken)}/customer-token`, routeTemplate: '/payments/v1/authorizations/{authorizationToken}/customer-token', body, retryOnStaleConnection: false },
      (response) => {
        const token = fromCreationResponse(parseJson(response.text));
        if (!token) throw unreadableKlarnaAnswer('create', response, this.secrets(secrets));
        return token;
      },
      secrets,
    );
  }

  /** GET /customer-token/v1/tokens/{customerToken}: status, payment method type, card or direct-debit details. */
  async read(tokenId: string): Promise<CustomerToken> {
    assertTokenId(tokenId);
    return this.call('read', { method: 'GET', path: `/customer-token/v1/tokens/${encodeURIComponent(tokenId)}`, routeTemplate: '/customer-token/v1/tokens/{customerToken}', retryOnStaleConnection: true }, (response) => {
      const token = fromCustomerTokenResponse(tokenId, parseJson(response.text));
      if (!token) throw unreadableKlarnaAnswer('read', response, this.secrets());
      return token;
    });
  }

  /** PATCH /customer-token/v1/tokens/{customerToken}/status to CANCELLED; Klarna accepts it (202) and processes it asynchronously. */
  async cancel(tokenId: string): Promise<void> {
    assertTokenId(tokenId);
    const body: KlarnaCustomerTokenStatusUpdateRequest = { status: 'CANCELLED' };
    await this.call(
      'cancel',
      { method: 'PATCH', path: `/customer-token/v1/tokens/${encodeURIComponent(tokenId)}/status`, routeTemplate: '/customer-token/v1/tokens/{customerToken}/status', body, retryOnStaleConnection: true },
      () => undefined,
    );
  }

  /** Whether Klarna's base URL answers HTTP (any status; no credentials sent), through the gateway's own pool. */
  probe(timeoutMs = 2_000): Promise<number> {
    return this.http.probe(timeoutMs);
  }

  /** Ends the connection pool (waits for calls in flight). Later calls fail with ProviderUnavailableError. */
  close(): Promise<void> {
    return this.http.close();
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.http.closed;
  }

  /** A secret-free description, for logs. */
  toJSON(): Record<string, unknown> {
    return { provider: this.provider, account: this.config.account, baseUrl: this.config.baseUrl, username: this.config.username, timeoutMs: this.config.timeoutMs };
  }

  [inspect.custom](): string {
    return `KlarnaCustomerTokenGateway ${inspect(this.toJSON())}`;
  }

  /**
   * One operation through the circuit breaker: sends the request, turns a failure into the domain's error,
   * reads a 2xx answer with `read`, and reports every HTTP attempt (and a refusal by the open circuit).
   */
  private async call<T>(operation: KlarnaOperation, request: KlarnaHttpRequest, read: (response: KlarnaHttpResponse) => T, secrets: string[] = []): Promise<T> {
    const refused = () => this.report({ provider: KLARNA_PROVIDER, account: this.config.account, operation, outcome: 'circuit-open', durationMs: 0 });
    return this.circuit.execute(async () => {
      let attempt = 1;
      let startedAt = performance.now();
      let response: KlarnaHttpResponse | undefined;
      try {
        try {
          response = await this.http.send(request, (failure, durationMs) => {
            const outcome = mapKlarnaTransportFailure(operation, failure, this.config.timeoutMs).code;
            this.report({ provider: KLARNA_PROVIDER, account: this.config.account, operation, outcome, durationMs: Math.round(durationMs * 100) / 100, attempt });
            attempt += 1;
            startedAt = performance.now();
          });
        } catch (error) {
          if (error instanceof TransportFailure) throw mapKlarnaTransportFailure(operation, error, this.config.timeoutMs);
          throw error;
        }
        if (response.status < 200 || response.status > 299) throw mapKlarnaErrorResponse(operation, response, this.secrets(secrets));
        const result = read(response);
        this.report(callEvent(this.config.account, operation, 'success', startedAt, attempt, response));
        return result;
      } catch (error) {
        this.report(callEvent(this.config.account, operation, isPaytokensError(error) ? error.code : 'PROVIDER_UNAVAILABLE', startedAt, attempt, response, error));
        throw error;
      }
    }, refused);
  }

  private report(event: ProviderCallEvent): void {
    notifyProviderCall(this.config.onProviderCall, event);
  }

  private secrets(extra: string[] = []): string[] {
    return [this.config.password.reveal(), ...extra];
  }
}

/** The event of a finished attempt; the correlation id from Klarna's header or, on failure, the error. */
function callEvent(
  account: string,
  operation: KlarnaOperation,
  outcome: ProviderCallEvent['outcome'],
  startedAt: number,
  attempt: number,
  response?: KlarnaHttpResponse,
  error?: unknown,
): ProviderCallEvent {
  const fromHeader = response ? headerValue(response.headers, 'klarna-correlation-id') : undefined;
  // The error's id was already cleaned by the mapper; a raw header is taken only when it looks like an id.
  const correlationId = (error as { correlationId?: string } | undefined)?.correlationId ?? (fromHeader && /^[\w.:-]{1,128}$/.test(fromHeader) ? fromHeader : undefined);
  const event: ProviderCallEvent = { provider: KLARNA_PROVIDER, account, operation, outcome, durationMs: elapsedMs(startedAt), attempt };
  if (response) event.status = response.status;
  if (correlationId) event.correlationId = correlationId;
  return event;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
