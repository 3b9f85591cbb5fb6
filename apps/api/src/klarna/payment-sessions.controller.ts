import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PaymentSessionRequest, type PaymentSessionRequestInput } from '@paytokens/domain';
import type { FastifyReply } from 'fastify';
import { parseAccountField, withoutAccountField } from '../accounts/account-choice';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { RequireApiKey } from '../auth/require-api-key.decorator';
import { ApiProblemResponses } from '../docs/api-problem-responses.decorator';
import { parseTogether, requireJsonObject } from '../problem/json-object-body';
import { CreatedPaymentSessionResponse, CreatePaymentSessionDto, PaymentSessionResponse } from './dto/payment-session.dto';
import { answerFor } from '../accounts/provider-accounts';
import { KlarnaAccounts } from './klarna-accounts';
import { toCreatedSessionResponse, toSessionResponse } from './payment-flow.mapper';

const ACCOUNT_QUERY = {
  name: 'account',
  required: false,
  description:
    'The Klarna account that opened the session; may be left out when one account is configured (or the API key may use only one).',
};

/** Klarna payment sessions: the checkout the shopper authorizes in, whose intent decides whether a token may follow. */
@ApiTags('Klarna payment sessions')
@RequireApiKey()
@Controller('v1/klarna/sessions')
export class PaymentSessionsController {
  constructor(private readonly accounts: KlarnaAccounts) {}

  @Post()
  @ApiOperation({
    summary: 'Create a payment session',
    description:
      "Opens a Klarna payment session (intent tokenize by default) and answers the client token the shopper's browser widget needs. " +
      "Klarna's rules are checked first (market table, line sums, billing country = purchase country): a breach is one 400 naming every field, and nothing is sent.",
  })
  @ApiBody({ type: CreatePaymentSessionDto })
  @ApiCreatedResponse({ type: CreatedPaymentSessionResponse })
  @ApiProblemResponses(400, 403, 413, 415, 429, 502, 503, 504)
  async create(
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedPaymentSessionResponse> {
    const [named, sessionRequest] = (() => {
      const { account, rest } = withoutAccountField(requireJsonObject(body));
      return parseTogether(
        () => parseAccountField(account, this.accounts.names),
        () => PaymentSessionRequest.create(rest as unknown as PaymentSessionRequestInput),
      );
    })();
    // Without `account`, the session goes to the account whose region serves its purchase country, like a create.
    const account = answerFor(reply, this.accounts.choose(named, request.apiKeyAccounts, sessionRequest.purchaseCountry));
    return toCreatedSessionResponse(await account.sessions.create(sessionRequest), account.name);
  }

  @Get(':sessionId')
  @ApiOperation({
    summary: 'Read a payment session',
    description: 'Its status (`complete` once the shopper authorized), intent and order.',
  })
  @ApiParam({ name: 'sessionId', description: 'The session id Klarna issued.' })
  @ApiQuery(ACCOUNT_QUERY)
  @ApiOkResponse({ type: PaymentSessionResponse })
  @ApiProblemResponses(400, 403, 404, 429, 502, 503, 504)
  async read(
    @Param('sessionId') sessionId: string,
    @Query('account') named: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PaymentSessionResponse> {
    const account = answerFor(reply, this.accounts.choose(parseAccountField(named, this.accounts.names), request.apiKeyAccounts));
    return toSessionResponse(await account.sessions.read(sessionId), account.name);
  }
}
