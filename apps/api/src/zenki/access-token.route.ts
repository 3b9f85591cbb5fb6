import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { answerFor } from '../accounts/provider-accounts';
import { authenticate } from '../auth/authenticate';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { appConfig, type AppConfig } from '../config/app.config';
import { parseAccessTokenRequest } from './access-token-request';
import { ACCESS_TOKEN_RESPONSE_SCHEMA, toAccessTokenResponse, type AccessTokenResponse } from './access-token.response';
import { ZenkiAccounts } from './zenki-accounts';

/** The hot route's path. */
export const ACCESS_TOKENS_PATH = '/v1/zenki/access-tokens';

/**
 * POST /v1/zenki/access-tokens: the cached Zenki token while it is fresh. The hot route, so it is a plain
 * Fastify route that this provider registers as the app starts, not a Nest controller (ADR 9): Nest's
 * per-request pipeline (execution context, guard and parameter plumbing, response handling) is skipped. What
 * every route gets still applies, as Fastify hooks: request id, security headers, duplicate-header check,
 * rate limit, no-store, in-flight count, metrics and access log. Authentication is the function the Nest
 * guard calls; an error goes to Fastify's error handler, which Nest points at the ProblemFilter, so every
 * problem answer is the one a controller would give. Documented in the OpenAPI document by
 * `access-token.openapi.ts`.
 */
@Injectable()
export class AccessTokenRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly accounts: ZenkiAccounts,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
  ) {}

  /** Registers the route (Fastify takes routes until it is ready, which happens after every module is initialised). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.post(ACCESS_TOKENS_PATH, { schema: { response: { 200: ACCESS_TOKEN_RESPONSE_SCHEMA } } }, (request, reply) =>
      this.issue(request as AuthenticatedRequest, reply),
    );
  }

  /** Answers one request: key, body, account, then the token (from the cache while it is fresh). */
  async issue(request: AuthenticatedRequest, reply: FastifyReply): Promise<AccessTokenResponse> {
    authenticate(request, this.app.apiKeys);
    const { forceRefresh, account: named } = parseAccessTokenRequest(request.body, this.accounts.names);
    const account = answerFor(reply, this.accounts.choose(named, request.apiKeyAccounts));
    const token = await account.accessTokens.execute({ forceRefresh });
    return toAccessTokenResponse(token, Date.now(), account.name);
  }
}
