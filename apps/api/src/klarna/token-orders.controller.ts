import { Body, Controller, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { TokenChargeRequest, ValidationError, type TokenChargeRequestInput } from '@paytokens/domain';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { RequireApiKey } from '../auth/require-api-key.decorator';
import { ApiProblemResponses } from '../docs/api-problem-responses.decorator';
import { parseAccountField, withoutAccountField } from '../accounts/account-choice';
import { parseTogether, requireJsonObject } from '../problem/json-object-body';
import { ChargeCustomerTokenDto, TokenOrderResponse } from './dto/token-charge.dto';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IDEMPOTENT_REPLAYED_HEADER_DOCS,
  requireIdempotencyKey,
} from './idempotency-key';
import { answerFor } from '../accounts/provider-accounts';
import { KlarnaAccounts } from './klarna-accounts';
import { toOrderResponse } from './payment-flow.mapper';

/** Charges of Klarna customer tokens: one order per period, never two. */
@ApiTags('Klarna customer tokens')
@RequireApiKey()
@Controller('v1/klarna/customer-tokens')
export class TokenOrdersController {
  constructor(private readonly accounts: KlarnaAccounts) {}

  @Post(':tokenId/orders')
  @ApiOperation({
    summary: 'Charge a customer token',
    description:
      'Places one Klarna order on the token. Idempotency-Key is required: the same key and body answer the stored order, another body 422, ' +
      'a request still in progress 409. Klarna gets a Klarna-Idempotency-Key derived from it, the same on every attempt, so a charge whose answer ' +
      'was lost (timeout, reset) is retried once and answers the one order, never two.',
  })
  @ApiParam({ name: 'tokenId', description: 'The customer token to charge.' })
  @ApiBody({ type: ChargeCustomerTokenDto })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: true,
    description: '1 to 255 printable ASCII characters; scoped to your API key. One per period.',
  })
  @ApiCreatedResponse({
    type: TokenOrderResponse,
    headers: IDEMPOTENT_REPLAYED_HEADER_DOCS,
  })
  @ApiProblemResponses(400, 403, 404, 409, 413, 415, 422, 429, 502, 503, 504)
  async charge(
    @Param('tokenId') tokenId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenOrderResponse> {
    // Headers, path and body checked together: one 400 lists every invalid field.
    const [idempotencyKey, , [named, chargeRequest]] = parseTogether(
      () => requireIdempotencyKey(idempotencyKeyHeader),
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
    return toOrderResponse(order, account.name);
  }
}

/** The token comes from the path only: a `tokenId` in the body is refused, not silently replaced. */
function refuseTokenIdInBody(body: unknown): void {
  if (typeof body === 'object' && body !== null && 'tokenId' in body) {
    throw new ValidationError([{ field: 'body.tokenId', message: 'is not a known field (the token is in the path)' }]);
  }
}
