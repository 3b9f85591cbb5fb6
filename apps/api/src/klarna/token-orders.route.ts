import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TokenChargeRequest, ValidationError, type TokenChargeRequestInput } from '@paytokens/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseAccountField, withoutAccountField } from '../accounts/account-choice';
import { answerFor } from '../accounts/provider-accounts';
import { authenticate } from '../auth/authenticate';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { appConfig, type AppConfig } from '../config/app.config';
import { parseTogether, requireJsonObject } from '../problem/json-object-body';
import type { TokenOrderResponse } from './dto/token-charge.dto';
import { IDEMPOTENT_REPLAYED_HEADER, requireIdempotencyKey } from './idempotency-key';
import { KlarnaAccounts } from './klarna-accounts';
import { toOrderResponse } from './payment-flow.mapper';

/** The charge route's path, as Fastify declares it. */
export const TOKEN_ORDERS_PATH = '/v1/klarna/customer-tokens/:tokenId/orders';

/**
 * POST /v1/klarna/customer-tokens/{tokenId}/orders: charges a customer token, one Klarna order per Idempotency-Key.
 * Like the Zenki token route, a plain Fastify route this module registers as the app starts, not a Nest controller
 * (ADR 9, ADR 11): Nest's per-request pipeline is skipped, everything every route gets still applies as Fastify hooks
 * (request id, security headers, duplicate-header check, rate limit, no-store, in-flight count, metrics, access
 * log), authentication is the guard's own function, and an error goes through the ProblemFilter like a controller's.
 * Documented in the OpenAPI document by `token-orders.openapi.ts`.
 */
@Injectable()
export class TokenOrdersRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly accounts: KlarnaAccounts,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
  ) {}

  /** Registers the route (Fastify takes routes until it is ready, which happens after every module is initialised). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.post(TOKEN_ORDERS_PATH, (request, reply) => this.charge(request as AuthenticatedRequest, reply));
  }

  /** Answers one request: key, then headers, path and body together, account, then the charge (or its replay). */
  async charge(request: AuthenticatedRequest, reply: FastifyReply): Promise<TokenOrderResponse> {
    authenticate(request, this.app.apiKeys);
    const { tokenId } = request.params as { tokenId: string };
    const body = request.body;
    // Headers, path and body checked together: one 400 lists every invalid field.
    const [idempotencyKey, , [named, chargeRequest]] = parseTogether(
      () => requireIdempotencyKey(request.headers['idempotency-key']),
      () => refuseTokenIdInBody(body),
      () => {
        const { account, rest } = withoutAccountField(requireJsonObject(body));
        // `rest` is this request's own copy: the token joins it from the path (a body's tokenId is refused above).
        rest['tokenId'] = tokenId;
        return parseTogether(
          () => parseAccountField(account, this.accounts.names),
          () => TokenChargeRequest.create(rest as unknown as TokenChargeRequestInput),
        );
      },
    );
    const account = answerFor(reply, this.accounts.choose(named, request.apiKeyAccounts));
    const { order, replayed } = await account.charges.charge(chargeRequest, { idempotencyKey, idempotencyScope: request.apiKeyId });
    if (replayed) reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    reply.code(201);
    return toOrderResponse(order, account.name);
  }
}

/** The token comes from the path only: a `tokenId` in the body is refused, not silently replaced. */
function refuseTokenIdInBody(body: unknown): void {
  if (typeof body === 'object' && body !== null && 'tokenId' in body) {
    throw new ValidationError([{ field: 'body.tokenId', message: 'is not a known field (the token is in the path)' }]);
  }
}
