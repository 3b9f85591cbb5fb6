import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidationError } from '@paytokens/domain';

/** Optional body of POST /v1/zenki/access-tokens. */
export class AccessTokenRequestDto {
  @ApiPropertyOptional({ description: 'Fetch a new token even though the cached one is still valid (unless it is brand new).', default: false })
  forceRefresh?: boolean;
}

/**
 * Reads the body by hand: it is tiny and this is the hot route, so it skips class-validator. No body, `{}`
 * or `{ "forceRefresh": boolean }`; anything else is a 400.
 */
export function parseAccessTokenRequest(body: unknown): { forceRefresh: boolean } {
  if (body === undefined) return { forceRefresh: false };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError([{ field: 'body', message: 'must be empty or a JSON object' }]);
  }
  let forceRefresh = false;
  for (const key in body) {
    if (!Object.prototype.hasOwnProperty.call(body, key)) continue;
    const value = (body as Record<string, unknown>)[key];
    if (key !== 'forceRefresh') throw new ValidationError([{ field: key, message: 'is not a known field' }]);
    if (typeof value !== 'boolean') throw new ValidationError([{ field: 'forceRefresh', message: 'must be a boolean' }]);
    forceRefresh = value;
  }
  return { forceRefresh };
}
