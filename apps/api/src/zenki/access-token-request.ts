import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidationError, type FieldError } from '@paytokens/domain';

/** Optional body of POST /v1/zenki/access-tokens. */
export class AccessTokenRequestDto {
  @ApiPropertyOptional({ description: 'Fetch a new token even though the cached one is still valid (unless it is brand new).', default: false })
  forceRefresh?: boolean;
}

/**
 * Reads the body by hand: it is tiny and this is the hot route, so it skips class-validator. No body, `{}`
 * or `{ "forceRefresh": boolean }`; anything else is a 400 listing every invalid field at once.
 */
export function parseAccessTokenRequest(body: unknown): { forceRefresh: boolean } {
  if (body === undefined) return { forceRefresh: false };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError([{ field: 'body', message: 'must be empty or a JSON object' }]);
  }
  const errors: FieldError[] = [];
  let forceRefresh = false;
  for (const key in body) {
    if (!Object.prototype.hasOwnProperty.call(body, key)) continue;
    const value = (body as Record<string, unknown>)[key];
    if (key !== 'forceRefresh') errors.push({ field: key, message: 'is not a known field' });
    else if (typeof value !== 'boolean') errors.push({ field: 'forceRefresh', message: 'must be a boolean' });
    else forceRefresh = value;
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return { forceRefresh };
}
