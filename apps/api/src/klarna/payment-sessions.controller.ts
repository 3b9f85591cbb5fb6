import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { InjectKlarnaPaymentSessions, type KlarnaPaymentSessions } from '@paytokens/adapters-klarna';
import { PaymentSessionRequest, type PaymentSessionRequestInput } from '@paytokens/domain';
import { RequireApiKey } from '../auth/require-api-key.decorator';
import { ApiProblemResponses } from '../docs/api-problem-responses.decorator';
import { requireJsonObject } from '../problem/json-object-body';
import { CreatedPaymentSessionResponse, CreatePaymentSessionDto, PaymentSessionResponse } from './dto/payment-session.dto';
import { toCreatedSessionResponse, toSessionResponse } from './payment-flow.mapper';

/** Klarna payment sessions: the checkout the shopper authorizes in, whose intent decides whether a token may follow. */
@ApiTags('Klarna payment sessions')
@RequireApiKey()
@Controller('v1/klarna/sessions')
export class PaymentSessionsController {
  constructor(@InjectKlarnaPaymentSessions() private readonly sessions: KlarnaPaymentSessions) {}

  @Post()
  @ApiOperation({
    summary: 'Create a payment session',
    description:
      "Opens a Klarna payment session (intent tokenize by default) and answers the client token the shopper's browser widget needs. " +
      "Klarna's rules are checked first (market table, line sums, billing country = purchase country): a breach is one 400 naming every field, and nothing is sent.",
  })
  @ApiBody({ type: CreatePaymentSessionDto })
  @ApiCreatedResponse({ type: CreatedPaymentSessionResponse })
  @ApiProblemResponses(400, 413, 415, 429, 502, 503, 504)
  async create(@Body() body: unknown): Promise<CreatedPaymentSessionResponse> {
    const request = PaymentSessionRequest.create(requireJsonObject(body) as unknown as PaymentSessionRequestInput);
    return toCreatedSessionResponse(await this.sessions.create(request), this.sessions.account);
  }

  @Get(':sessionId')
  @ApiOperation({ summary: 'Read a payment session', description: 'Its status (`complete` once the shopper authorized), intent and order.' })
  @ApiParam({ name: 'sessionId', description: 'The session id Klarna issued.' })
  @ApiOkResponse({ type: PaymentSessionResponse })
  @ApiProblemResponses(400, 404, 429, 502, 503, 504)
  async read(@Param('sessionId') sessionId: string): Promise<PaymentSessionResponse> {
    return toSessionResponse(await this.sessions.read(sessionId), this.sessions.account);
  }
}
