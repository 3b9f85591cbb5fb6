import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidationError, type FieldError } from '@paytokens/domain';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import { ACCOUNT_FIELD, parseAccountField } from '../accounts/account-choice';

/** Optional body of POST /v1/zenki/access-tokens. */
export class AccessTokenRequestDto {
  @ApiPropertyOptional({
    description: 'The Zenki account to use; may be left out when one is configured (or the API key may use only one).',
    example: 'mx',
  })
  account?: string;

  @ApiPropertyOptional({
    description: 'Fetch a new token even though the cached one is still valid (unless it is brand new).',
    default: false,
  })
  forceRefresh?: boolean;
}

/**
 * Reads the body by hand: it is tiny and this is the hot route, so it skips class-validator. No body, `{}`
 * or `{ "forceRefresh"?: boolean, "account"?: string }` (the account checked against `accounts`); anything else
 * is a 400 listing every invalid field at once.
 */
export function parseAccessTokenRequest(
  body: unknown,
  accounts: readonly string[] = [DEFAULT_ACCOUNT],
): { forceRefresh: boolean; account?: string } {
  if (body === undefined) return { forceRefresh: false };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError([{ field: 'body', message: 'must be empty or a JSON object' }]);
  }
  const errors: FieldError[] = [];
  let forceRefresh = false;
  let account: string | undefined;
  for (const key in body) {
    if (!Object.prototype.hasOwnProperty.call(body, key)) continue;
    const value = (body as Record<string, unknown>)[key];
    if (key === ACCOUNT_FIELD) {
      try {
        account = parseAccountField(value, accounts);
      } catch (error) {
        errors.push(...(error as ValidationError).errors);
      }
    } else if (key !== 'forceRefresh') errors.push({ field: key, message: 'is not a known field' });
    else if (typeof value !== 'boolean') errors.push({ field: 'forceRefresh', message: 'must be a boolean' });
    else forceRefresh = value;
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return account === undefined ? { forceRefresh } : { forceRefresh, account };
}
