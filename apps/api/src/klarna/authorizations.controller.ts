import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { InjectKlarnaPaymentSessions, type KlarnaPaymentSessions } from '@paytokens/adapters-klarna';
import { RequireApiKey } from '../auth/require-api-key.decorator';
import { ApiProblemResponses } from '../docs/api-problem-responses.decorator';

/** Klarna authorizations: release one the shopper gave for a checkout that will not complete. */
@ApiTags('Klarna payment sessions')
@RequireApiKey()
@Controller('v1/klarna/authorizations')
export class AuthorizationsController {
  constructor(@InjectKlarnaPaymentSessions() private readonly sessions: KlarnaPaymentSessions) {}

  @Delete(':authorizationToken')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Cancel an unused authorization',
    description: "Klarna's cancelAuthorization, for a checkout abandoned after the shopper authorized. Logs and metrics show at most the token's last four characters.",
  })
  @ApiParam({ name: 'authorizationToken', description: 'The authorization token the widget gave the browser.' })
  @ApiNoContentResponse({ description: 'Released.' })
  @ApiProblemResponses(400, 404, 429, 502, 503, 504)
  async cancel(@Param('authorizationToken') authorizationToken: string): Promise<void> {
    await this.sessions.cancelAuthorization(authorizationToken);
  }
}
