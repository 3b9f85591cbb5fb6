import { createHash } from 'node:crypto';

/**
 * The cache key of one Zenki credential set: distinct per base URL and client id, so two credential
 * sets never share a token, and a hash, so a shared cache shows neither the client id nor the secret.
 */
export function zenkiCacheKey(baseUrl: string, clientId: string): string {
  return `zenki:${createHash('sha256').update(`${baseUrl}\n${clientId}`).digest('hex')}`;
}
