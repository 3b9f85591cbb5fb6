import { inspect } from 'node:util';
import {
  assertTokenId,
  ValidationError,
  type CustomerToken,
  type CustomerTokenGateway,
  type CustomerTokenRequest,
} from '@paytokens/domain';
import { ProviderCircuit, revealSecretLike } from '@paytokens/provider-kit';
import { KLARNA_PROVIDER, KlarnaCaller, parseJson } from './klarna-caller';
import { resolveKlarnaOptions, type KlarnaGatewayOptions, type ResolvedKlarnaOptions } from './klarna-options';
import { unreadableKlarnaAnswer } from './klarna.errors';
import { checkCustomerTokenCreationRequest, toDomainFieldPath } from './wire/klarna-request.rules';
import { fromCreationResponse, fromCustomerTokenResponse, toCreationRequestBody } from './wire/klarna-wire.mapper';
import type { KlarnaCustomerTokenStatusUpdateRequest } from './wire/klarna-wire.types';

export { KLARNA_PROVIDER } from './klarna-caller';

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
  /** @internal The account's pool and circuit; the session and order gateways send through the same one. */
  readonly caller: KlarnaCaller;
  /** Klarna's circuit breaker, as used by this gateway. */
  readonly circuit: ProviderCircuit;

  constructor(options: KlarnaGatewayOptions | ResolvedKlarnaOptions, dependencies: KlarnaGatewayDependencies = {}) {
    this.config = resolveKlarnaOptions(options);
    this.circuit = dependencies.circuit ?? new ProviderCircuit(this.provider, 'Klarna', this.config.circuitBreaker, this.config.account);
    this.caller = new KlarnaCaller(this.config, this.circuit);
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
   * Its deadline is `createTimeoutMs`, longer than the others': giving up early would spend the shopper's authorization.
   */
  async create(request: CustomerTokenRequest): Promise<CustomerToken> {
    const body = toCreationRequestBody(request ?? ({} as CustomerTokenRequest));
    const problems = checkCustomerTokenCreationRequest(body).map((p) => ({ field: toDomainFieldPath(p.path), message: p.message }));
    const authorizationToken = revealSecretLike(request?.authorizationToken) ?? '';
    if (authorizationToken === '') problems.unshift({ field: 'authorizationToken', message: 'is required' });
    if (problems.length > 0) throw new ValidationError(problems);

    const secrets = [authorizationToken];
    const path = `/payments/v1/authorizations/${encodeURIComponent(authorizationToken)}/customer-token`;
    return this.caller.call(
      'create',
      {
        method: 'POST',
        path,
        routeTemplate: '/payments/v1/authorizations/{authorizationToken}/customer-token',
        body,
        retryOnStaleConnection: false,
        timeoutMs: this.config.createTimeoutMs,
      },
      (response) => {
        const token = fromCreationResponse(parseJson(response.text));
        if (!token) throw unreadableKlarnaAnswer('create', response, this.caller.secrets(secrets));
        return token;
      },
      secrets,
    );
  }

  /** GET /customer-token/v1/tokens/{customerToken}: status, payment method type, card or direct-debit details. */
  async read(tokenId: string): Promise<CustomerToken> {
    assertTokenId(tokenId);
    return this.caller.call(
      'read',
      {
        method: 'GET',
        path: `/customer-token/v1/tokens/${encodeURIComponent(tokenId)}`,
        routeTemplate: '/customer-token/v1/tokens/{customerToken}',
        retryOnStaleConnection: true,
      },
      (response) => {
        const token = fromCustomerTokenResponse(tokenId, parseJson(response.text));
        if (!token) throw unreadableKlarnaAnswer('read', response, this.caller.secrets());
        return token;
      },
    );
  }

  /** PATCH /customer-token/v1/tokens/{customerToken}/status to CANCELLED; Klarna accepts it (202) and processes it asynchronously. */
  async cancel(tokenId: string): Promise<void> {
    assertTokenId(tokenId);
    const body: KlarnaCustomerTokenStatusUpdateRequest = { status: 'CANCELLED' };
    await this.caller.call(
      'cancel',
      {
        method: 'PATCH',
        path: `/customer-token/v1/tokens/${encodeURIComponent(tokenId)}/status`,
        routeTemplate: '/customer-token/v1/tokens/{customerToken}/status',
        body,
        retryOnStaleConnection: true,
      },
      () => undefined,
    );
  }

  /** Whether Klarna's base URL answers HTTP (any status; no credentials sent), through the gateway's own pool. */
  probe(timeoutMs = 2_000): Promise<number> {
    return this.caller.probe(timeoutMs);
  }

  /** Ends the connection pool (waits for calls in flight). Later calls fail with ProviderUnavailableError. */
  close(): Promise<void> {
    return this.caller.close();
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.caller.closed;
  }

  /** A secret-free description, for logs. */
  toJSON(): Record<string, unknown> {
    return {
      provider: this.provider,
      account: this.config.account,
      baseUrl: this.config.baseUrl,
      username: this.config.username,
      timeoutMs: this.config.timeoutMs,
      createTimeoutMs: this.config.createTimeoutMs,
    };
  }

  [inspect.custom](): string {
    return `KlarnaCustomerTokenGateway ${inspect(this.toJSON())}`;
  }
}
