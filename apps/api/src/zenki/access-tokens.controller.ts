import { Body, Controller, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { answerFor } from '../accounts/provider-accounts';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { RequireApiKey } from '../auth/require-api-key.decorator';
import { ApiProblemResponses } from '../docs/api-problem-responses.decorator';
import { parseAccessTokenRequest, AccessTokenRequestDto } from './access-token-request';
import { AccessTokenResponse, toAccessTokenResponse } from './access-token.response';
import { ZenkiAccounts } from './zenki-accounts';

/** Zenki access tokens, from the cache while they are fresh. The hot route: no pipes, no interceptors. */
@ApiTags('Zenki access tokens')
@RequireApiKey()
@Controller('v1/zenki/access-tokens')
export class AccessTokensController {
  constructor(private readonly accounts: ZenkiAccounts) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Get a Zenki access token',
    description:
      'Answers the cached token while it is fresh (refreshing it ahead of expiry in the background); concurrent callers share one fetch.',
  })
  @ApiBody({ type: AccessTokenRequestDto, required: false })
  @ApiOkResponse({ type: AccessTokenResponse, headers: { 'Cache-Control': { schema: { type: 'string', example: 'no-store' } } } })
  @ApiProblemResponses(400, 403, 413, 415, 429, 502, 503, 504)
  async issue(
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    const { forceRefresh, account: named } = parseAccessTokenRequest(body, this.accounts.names);
    const account = answerFor(reply, this.accounts.choose(named, request.apiKeyAccounts));
    const token = await account.accessTokens.execute({ forceRefresh });
    return toAccessTokenResponse(token, Date.now(), account.name);
  }
}
