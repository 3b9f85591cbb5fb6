import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectZenkiAccessTokens } from '@paytokens/adapters-zenki';
import type { GetAccessToken } from '@paytokens/domain';
import { RequireApiKey } from '../auth/require-api-key.decorator';
import { ApiProblemResponses } from '../docs/api-problem-responses.decorator';
import { parseAccessTokenRequest, AccessTokenRequestDto } from './access-token-request';
import { AccessTokenResponse, toAccessTokenResponse } from './access-token.response';

/** Zenki access tokens, from the cache while they are fresh. The hot route: no pipes, no interceptors. */
@ApiTags('Zenki access tokens')
@RequireApiKey()
@Controller('v1/zenki/access-tokens')
export class AccessTokensController {
  constructor(@InjectZenkiAccessTokens() private readonly getAccessToken: GetAccessToken) {}

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
  @ApiProblemResponses(400, 413, 415, 429, 502, 503, 504)
  async issue(@Body() body: unknown): Promise<AccessTokenResponse> {
    const { forceRefresh } = parseAccessTokenRequest(body);
    const token = await this.getAccessToken.execute({ forceRefresh });
    return toAccessTokenResponse(token, Date.now());
  }
}
