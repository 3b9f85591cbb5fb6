import { AccessToken, ProviderUnavailableError } from '@paytokens/domain';
import { ZENKI_PROVIDER } from './zenki-http';

/**
 * Reads a 2xx answer of `POST /v1/oauth/tokens` (`TokenOAuth2`) into an {@link AccessToken}.
 * Tolerant where the document is wrong (its `required` names `refreshExpiresIn`, `refreshToken`
 * and `scope`, which it never defines, and Zenki does not send) and of unknown keys; strict about
 * what a usable token needs: an `accessToken` and a positive `expiresIn` (seconds).
 */
export function parseTokenResponse(text: string, status: number, issuedAt: number): AccessToken {
  const fail = (problem: string) =>
    new ProviderUnavailableError(`Zenki answered the token request with ${problem}`, { provider: ZENKI_PROVIDER, providerStatus: status });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw fail('a body that is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw fail('a body that is not a JSON object');
  const record = body as Record<string, unknown>;
  const accessToken = record['accessToken'];
  if (typeof accessToken !== 'string' || accessToken.trim() === '') throw fail('no accessToken');
  const expiresIn = toSeconds(record['expiresIn']);
  if (expiresIn === undefined) throw fail('a missing or invalid expiresIn');
  if (expiresIn <= 0) throw fail('a non-positive expiresIn');
  const tokenType = typeof record['tokenType'] === 'string' && record['tokenType'] ? record['tokenType'] : 'Bearer';
  return AccessToken.issued(accessToken, tokenType, issuedAt, expiresIn);
}

function toSeconds(value: unknown): number | undefined {
  // A numeric string is accepted too: being lenient here costs nothing and avoids failing on a quirk.
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
