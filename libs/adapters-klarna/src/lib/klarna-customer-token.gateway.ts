import { inspect } from 'node:util';
import {
  assertTokenId,
  Secret,
  ValidationError,
  type CustomerToken,
  type CustomerTokenGateway,
  type CustomerTokenRequest,
} from '@paytokens/domain';
import { KlarnaGatewayConfig, type KlarnaGatewayOptions } from './klarna-config';
import {
  mapKlarnaErrorResponse,
  mapKlarnaTransportFailure,
  unreadableKlarnaAnswer,
  type KlarnaOperation,
} from './klarna-error.mapper';
import { KlarnaHttpClient, KlarnaTransportFailure, type KlarnaHttpRequest, type KlarnaHttpResponse } from './klarna-http.client';
import { klarnaUserAgent } from './klarna-user-agent';
import { checkCustomerTokenCreationRequest, toDomainFieldPath } from './wire/klarna-request.rules';
import { fromCreationResponse, fromCustomerTokenResponse, toCreationRequestBody } from './wire/klarna-wire.mapper';
import type { KlarnaCustomerTokenStatusUpdateRequest } from './wire/klarna-wire.types';

/**
 * The {@link CustomerTokenGateway} for Klarna: Payments API v1 to create a customer token, Customer Token
 * API v1 to read and cancel one. Speaks snake_case JSON to Klarna, the domain's types to everyone else,
 * and throws only the domain's errors.
 */
export class KlarnaCustomerTokenGateway implements CustomerTokenGateway {
  readonly provider = 'klarna';
  private readonly config: KlarnaGatewayConfig;
  private readonly http: KlarnaHttpClient;

  constructor(options: KlarnaGatewayOptions | KlarnaGatewayConfig) {
    this.config = options instanceof KlarnaGatewayConfig ? options : KlarnaGatewayConfig.from(options);
    const basic = Buffer.from(`${this.config.username}:${this.config.password.reveal()}`, 'utf8').toString('base64');
    this.http = new KlarnaHttpClient({
      baseUrl: this.config.baseUrl,
      authorization: new Secret(`Basic ${basic}`),
      userAgent: klarnaUserAgent(),
      timeoutMs: this.config.timeoutMs,
      connections: this.config.connections,
    });
  }

  /** Where requests go, e.g. `https://api.playground.klarna.com`. */
  get baseUrl(): string {
    return this.config.baseUrl;
  }

  /**
   * POST /payments/v1/authorizations/{authorizationToken}/customer-token. Sent once, never retried: it
   * consumes the authorization, so a second attempt would fail with 404 or, worse, make a second token.
   * Callers get idempotency from the domain's IssueCustomerToken.
   */
  async create(request: CustomerTokenRequest): Promise<CustomerToken> {
    const body = toCreationRequestBody(request ?? ({} as CustomerTokenRequest));
    const problems = checkCustomerTokenCreationRequest(body).map((p) => ({ field: toDomainFieldPath(p.path), message: p.message }));
    const authorizationToken = revealed(request?.authorizationToken);
    if (authorizationToken === '') problems.unshift({ field: 'authorizationToken', message: 'is required' });
    if (problems.length > 0) throw new ValidationError(problems);

    const secrets = [authorizationToken];
    const response = await this.send(
      'create',
      { method: 'POST', path: `/payments/v1/authorizations/${encodeURIComponent(authorizationToken)}/customer-token`, body, retryOnStaleConnection: false },
      secrets,
    );
    const token = fromCreationResponse(parseJson(response.text));
    if (!token) throw unreadableKlarnaAnswer('create', response, this.secrets(secrets));
    return token;
  }

  /** GET /customer-token/v1/tokens/{customerToken}: status, payment method type, card or direct-debit details. */
  async read(tokenId: string): Promise<CustomerToken> {
    assertTokenId(tokenId);
    const response = await this.send('read', { method: 'GET', path: `/customer-token/v1/tokens/${encodeURIComponent(tokenId)}`, retryOnStaleConnection: true });
    const token = fromCustomerTokenResponse(tokenId, parseJson(response.text));
    if (!token) throw unreadableKlarnaAnswer('read', response, this.secrets());
    return token;
  }

  /** PATCH /customer-token/v1/tokens/{customerToken}/status to CANCELLED; Klarna accepts it (202) and processes it asynchronously. */
  async cancel(tokenId: string): Promise<void> {
    assertTokenId(tokenId);
    const body: KlarnaCustomerTokenStatusUpdateRequest = { status: 'CANCELLED' };
    await this.send('cancel', { method: 'PATCH', path: `/customer-token/v1/tokens/${encodeURIComponent(tokenId)}/status`, body, retryOnStaleConnection: true });
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
    return { provider: this.provider, baseUrl: this.config.baseUrl, username: this.config.username, timeoutMs: this.config.timeoutMs };
  }

  [inspect.custom](): string {
    return `KlarnaCustomerTokenGateway ${inspect(this.toJSON())}`;
  }

  private async send(operation: KlarnaOperation, request: KlarnaHttpRequest, secrets: string[] = []): Promise<KlarnaHttpResponse> {
    let response: KlarnaHttpResponse;
    try {
      response = await this.http.send(request);
    } catch (error) {
      if (error instanceof KlarnaTransportFailure) throw mapKlarnaTransportFailure(operation, error, this.config.timeoutMs);
      throw error;
    }
    if (response.status < 200 || response.status > 299) throw mapKlarnaErrorResponse(operation, response, this.secrets(secrets));
    return response;
  }

  private secrets(extra: string[] = []): string[] {
    return [this.config.password.reveal(), ...extra];
  }
}

/** The text of a Secret, also one from another copy of @paytokens/domain (so no instanceof); '' otherwise. */
function revealed(value: unknown): string {
  const text = typeof (value as Secret | undefined)?.reveal === 'function' ? (value as Secret).reveal() : undefined;
  return typeof text === 'string' ? text : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
