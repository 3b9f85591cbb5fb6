import { createHash } from 'node:crypto';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';

/**
 * The cache key of one Zenki account: distinct per account, base URL and client id, so two accounts never
 * share a token (not even with the same client), and a hash, so a shared cache shows neither the client id
 * nor the secret. The default account keeps the key it had before accounts existed.
 */
export function zenkiCacheKey(baseUrl: string, clientId: string, account: string = DEFAULT_ACCOUNT): string {
  const scope = account === DEFAULT_ACCOUNT ? '' : `${account}\n`;
  return `zenki:${createHash('sha256').update(`${scope}${baseUrl}\n${clientId}`).digest('hex')}`;
}
