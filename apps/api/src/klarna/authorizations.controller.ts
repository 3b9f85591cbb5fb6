import { Controller, Delete, HttpCode, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parseAccountField } from '../accounts/account-choice';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { RequireApiKey } from '../auth/require-api-key.decorator';
import { ApiProblemResponses } from '../docs/api-problem-responses.decorator';
import { answerFor } from '../accounts/provider-accounts';
import { KlarnaAccounts } from './klarna-accounts';

/** Klarna authorizations: release one the shopper gave for a checkout that will not complete. */
@ApiTags('Klarna payment sessions')
@RequireApiKey()
@Controller('v1/klarna/authorizations')
export class AuthorizationsController {
  constructor(private readonly accounts: KlarnaAccounts) {}

  @Delete(':authorizationToken')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Cancel an unused authorization',
    description:
      "Klarna's cancelAuthorization, for a checkout abandoned after the shopper authorized. Logs and metrics show at most the token's last four characters.",
  })
  @ApiParam({ name: 'authorizationToken', description: 'The authorization token the widget gave the browser.' })
  @ApiQuery({
    name: 'account',
    required: false,
    description: 'The Klarna account whose session the shopper authorized; may be left out when one account is configured.',
  })
  @ApiNoContentResponse({ description: 'Released (the `Paytokens-Account` header names the account).' })
  @ApiProblemResponses(400, 403, 404, 429, 502, 503, 504)
  async cancel(
    @Param('authorizationToken') authorizationToken: string,
    @Query('account') named: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const account = answerFor(reply, this.accounts.choose(parseAccountField(named, this.accounts.names), request.apiKeyAccounts));
    await account.sessions.cancelAuthorization(authorizationToken);
  }
}
