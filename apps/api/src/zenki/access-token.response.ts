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

/**
 * The 200 answer's JSON schema, for Fastify's serializer (fast-json-stringify, faster than JSON.stringify).
 * It lists exactly the fields above: a field missing here would be dropped from the answer silently, so the
 * route's tests compare the answer with the OpenAPI document's schema.
 */
export const ACCESS_TOKEN_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['account', 'accessToken', 'tokenType', 'expiresIn', 'expiresAt'],
  properties: {
    account: { type: 'string' },
    accessToken: { type: 'string' },
    tokenType: { type: 'string' },
    expiresIn: { type: 'integer' },
    expiresAt: { type: 'string' },
  },
} as const;

/** The answer for `account`'s `token` at `now` (epoch ms). The one place the token's value leaves the process. */
export function toAccessTokenResponse(token: AccessToken, now: number, account: string): AccessTokenResponse {
  return {
    account,
    accessToken: token.value.reveal(),
    tokenType: token.tokenType,
    expiresIn: token.expiresInSecondsAt(now),
    expiresAt: expiryOf(token),
  };
}

// The cached token is answered thousands of times a second with the same expiry: format it once per token.
let formatted: { token: AccessToken; expiresAt: string } | undefined;

function expiryOf(token: AccessToken): string {
  if (formatted?.token !== token) formatted = { token, expiresAt: new Date(token.expiresAt).toISOString() };
  return formatted.expiresAt;
}
