import { Body, Controller, Inject, Post } from '@nestjs/common';
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
    description: 'Exists only with SIMULATE_PROVIDERS=true (404 otherwise). The token is valid once, for 60 minutes.',
  })
  @ApiBody({ type: MintAuthorizationDto, required: false })
  @ApiCreatedResponse({ type: MintedAuthorizationResponse })
  @ApiProblemResponses(400, 413, 415)
  mint(@Body(new BodyValidationPipe({ optional: true })) body: MintAuthorizationDto): MintedAuthorizationResponse {
    const minted = this.simulators.klarna.mintAuthorization({
      paymentMethodType: body.paymentMethodType,
      purchaseCountry: body.purchaseCountry,
      purchaseCurrency: body.purchaseCurrency,
    });
    return { authorizationToken: minted.authorizationToken, expiresAt: minted.expiresAt.toISOString() };
  }
}
