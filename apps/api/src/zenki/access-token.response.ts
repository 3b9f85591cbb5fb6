import { ApiProperty } from '@nestjs/swagger';
import type { AccessToken } from '@paytokens/domain';

/** 200 answer of POST /v1/zenki/access-tokens. */
export class AccessTokenResponse {
  @ApiProperty({ example: 'mx', description: 'The Zenki account used.' })
  account!: string;

  @ApiProperty({ description: 'The bearer token for Zenki API calls. A secret: do not log it.', example: 'eyJhbGciOi...' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: string;

  @ApiProperty({ description: 'Whole seconds the token is still valid.', example: 3540 })
  expiresIn!: number;

  @ApiProperty({ format: 'date-time', example: '2026-01-01T13:00:00.000Z' })
  expiresAt!: string;
}

/** The answer for `account`'s `token` at `now` (epoch ms). The one place the token's value leaves the process. */
export function toAccessTokenResponse(token: AccessToken, now: number, account: string): AccessTokenResponse {
  return {
    account,
    accessToken: token.value.reveal(),
    tokenType: token.tokenType,
    expiresIn: token.expiresInSecondsAt(now),
    expiresAt: new Date(token.expiresAt).toISOString(),
  };
}
