import { AccessToken, ProviderUnavailableError } from '@paytokens/domain';
import { ZENKI_PROVIDER } from '../zenki-http.client';
import type { ZenkiMerchant } from '../zenki-merchant';
import type { ZenkiTokenRequest } from './zenki-wire.types';

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

/** Maps Zenki's `Merchant` answer; throws ProviderUnavailableError when what a merchant needs is missing. */
export function toZenkiMerchant(body: unknown): ZenkiMerchant {
  const record = asRecord(body);
  const info = asRecord(record?.['merchantInfo']);
  const commercialName = info?.['commercialName'];
  if (!info || typeof commercialName !== 'string') {
    throw new ProviderUnavailableError('Zenki answered GET /v1/pay/me without merchantInfo.commercialName', {
      provider: ZENKI_PROVIDER,
      providerStatus: 200,
    });
  }
  const plugins = asRecord(record?.['integrationConfig'])?.['plugins'];
  const assets = record?.['cryptoAssets'];
  const percentage = record?.['cryptoLovePercentage'];
  return {
    commercialName,
    legalName: stringOr(info['legalName']),
    accountType: stringOr(info['accountType']) ?? 'UNKNOWN',
    kycStatus: stringOr(info['kycStatus']) ?? 'UNKNOWN',
    integrationStatus: stringOr(info['integrationStatus']) ?? 'UNKNOWN',
    cryptoLovePercentage: typeof percentage === 'number' ? percentage : undefined,
    cryptoAssets: (Array.isArray(assets) ? assets : [])
      .map(asRecord)
      .filter((a): a is Record<string, unknown> => typeof a?.['currency'] === 'string')
      .map((a) => ({ currency: a['currency'] as string, active: a['active'] === true })),
    plugins: (Array.isArray(plugins) ? plugins : [])
      .map(asRecord)
      .filter((p): p is Record<string, unknown> => typeof p?.['name'] === 'string' && typeof p?.['clientId'] === 'string')
      .map((p) => ({ name: p['name'] as string, clientId: p['clientId'] as string })),
  };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The token request body for one client secret (camelCase JSON, as Zenki's document defines it). */
export function toTokenRequestBody(clientId: string, clientSecret: string): string {
  const body: ZenkiTokenRequest = { clientId, clientSecret, grantType: 'client_credentials' };
  return JSON.stringify(body);
}
