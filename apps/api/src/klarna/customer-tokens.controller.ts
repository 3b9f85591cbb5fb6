import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { parseAccountField, withoutAccountField } from '../accounts/account-choice';
import { CustomerTokenRequest, type CustomerTokenRequestInput } from '@paytokens/domain';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { RequireApiKey } from '../auth/require-api-key.decorator';
import { ApiProblemResponses } from '../docs/api-problem-responses.decorator';
import { parseTogether, requireJsonObject } from '../problem/json-object-body';
import { toCreatedResponse, toTokenResponse } from './customer-token.mapper';
import { CreateCustomerTokenDto } from './dto/create-customer-token.dto';
import { CreatedCustomerTokenResponse, CustomerTokenResponse } from './dto/customer-token.responses';
import { answerFor } from '../accounts/provider-accounts';
import { KlarnaAccounts } from './klarna-accounts';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, IDEMPOTENT_REPLAYED_HEADER_DOCS, readIdempotencyKey } from './idempotency-key';

const ACCOUNT_QUERY = {
  name: 'account',
  required: false,
  description:
    'The Klarna account that issued the token; may be left out when one account is configured (or the API key may use only one).',
};
const TOKEN_ID_PARAM = {
  name: 'tokenId',
  description: 'The customer token id Klarna issued.',
  example: '7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f',
};

/** Klarna customer tokens: create one from a shopper's authorization, read it, cancel it. */
@ApiTags('Klarna customer tokens')
@RequireApiKey()
@Controller('v1/klarna/customer-tokens')
export class CustomerTokensController {
  constructor(private readonly accounts: KlarnaAccounts) {}

  @Post()
  @ApiOperation({
    summary: 'Create a customer token',
    description:
      'Turns a fresh authorization into a Klarna customer token for recurring charges. The authorization is consumed: ' +
      'send an Idempotency-Key to retry safely; a retry with the same key and body answers the stored token. Without `account`, ' +
      'the account whose region serves the purchase country is used (US, CA, MX: na; AU, NZ: oc; others: eu).',
  })
  @ApiBody({ type: CreateCustomerTokenDto })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: false, description: '1 to 255 printable ASCII characters; scoped to your API key.' })
  @ApiCreatedResponse({
    type: CreatedCustomerTokenResponse,
    headers: IDEMPOTENT_REPLAYED_HEADER_DOCS,
  })
  @ApiProblemResponses(400, 403, 404, 409, 413, 415, 422, 429, 502, 503, 504)
  async create(
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedCustomerTokenResponse> {
    // The domain checks every field of the untrusted body (types, rules, unknown fields); one answer lists all problems.
    const [idempotencyKey, [named, tokenRequest]] = parseTogether(
      () => readIdempotencyKey(idempotencyKeyHeader),
      () => {
        const { account, rest } = withoutAccountField(requireJsonObject(body));
        return parseTogether(
          () => parseAccountField(account, this.accounts.names),
          () => CustomerTokenRequest.create(rest as unknown as CustomerTokenRequestInput),
        );
      },
    );
    const account = answerFor(reply, this.accounts.choose(named, request.apiKeyAccounts, tokenRequest.purchaseCountry));
    const { token, replayed } = await account.customerTokens.issue(tokenRequest, { idempotencyKey, idempotencyScope: request.apiKeyId });
    if (replayed) reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return toCreatedResponse(token, account.name);
  }

  @Get(':tokenId')
  @ApiOperation({ summary: 'Read a customer token', description: 'Its status and (masked) payment method.' })
  @ApiParam(TOKEN_ID_PARAM)
  @ApiQuery(ACCOUNT_QUERY)
  @ApiOkResponse({ type: CustomerTokenResponse })
  @ApiProblemResponses(400, 403, 404, 429, 502, 503, 504)
  async read(
    @Param('tokenId') tokenId: string,
    @Query('account') named: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerTokenResponse> {
    const account = answerFor(reply, this.accounts.choose(parseAccountField(named, this.accounts.names), request.apiKeyAccounts));
    return toTokenResponse(await account.customerTokens.read(tokenId), account.name);
  }

  @Delete(':tokenId')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Cancel a customer token',
    description: 'Klarna cancels the token asynchronously, and a cancelled token cannot be used or reactivated again.',
  })
  @ApiParam(TOKEN_ID_PARAM)
  @ApiQuery(ACCOUNT_QUERY)
  @ApiAcceptedResponse({ description: 'Cancellation accepted (no body; the `Paytokens-Account` header names the account).' })
  @ApiProblemResponses(400, 403, 404, 422, 429, 502, 503, 504)
  async cancel(
    @Param('tokenId') tokenId: string,
    @Query('account') named: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const account = answerFor(reply, this.accounts.choose(parseAccountField(named, this.accounts.names), request.apiKeyAccounts));
    await account.customerTokens.cancel(tokenId);
  }
}
