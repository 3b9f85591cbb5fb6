import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ValidationError } from '@paytokens/domain';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireApiKey } from '../auth/require-api-key.decorator';
import { ApiProblemResponses } from '../docs/api-problem-responses.decorator';
import { BodyValidationPipe } from '../problem/body-validation.pipe';
import { MintAuthorizationDto, MintedAuthorizationResponse } from './mint-authorization.dto';
import type { ProviderSimulators } from './provider-simulators';
import { PROVIDER_SIMULATORS } from './simulation.constants';

/** Only while simulating: stands in for the shopper's browser, which gets the real authorization from Klarna. */
@ApiTags('Simulator (SIMULATE_PROVIDERS=true only)')
@RequireApiKey()
@Controller('v1/simulator/klarna/authorizations')
export class SimulatorController {
  constructor(@Inject(PROVIDER_SIMULATORS) private readonly simulators: ProviderSimulators) {}

  @Post()
  @ApiOperation({
    summary: 'Mint a Klarna authorization token in the embedded simulator',
    description:
      'Exists only with SIMULATE_PROVIDERS=true (404 otherwise). The token is valid once, for 60 minutes. With a sessionId, the simulated ' +
      'shopper authorizes that session (its intent decides whether a customer token may follow).',
  })
  @ApiBody({ type: MintAuthorizationDto, required: false })
  @ApiCreatedResponse({ type: MintedAuthorizationResponse })
  @ApiProblemResponses(400, 413, 415)
  mint(@Body(new BodyValidationPipe({ optional: true })) body: MintAuthorizationDto): MintedAuthorizationResponse {
    const klarna = this.simulators.klarna;
    if (body.sessionId !== undefined && !klarna.flow.session(body.sessionId)) {
      throw new ValidationError([{ field: 'sessionId', message: 'is not a session of the simulator' }]);
    }
    const minted =
      body.sessionId === undefined
        ? klarna.mintAuthorization({
            paymentMethodType: body.paymentMethodType,
            purchaseCountry: body.purchaseCountry,
            purchaseCurrency: body.purchaseCurrency,
          })
        : klarna.authorizeSession(body.sessionId, { paymentMethodType: body.paymentMethodType });
    return { authorizationToken: minted.authorizationToken, expiresAt: minted.expiresAt.toISOString() };
  }
}
