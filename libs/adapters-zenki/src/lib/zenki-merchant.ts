import { ProviderUnavailableError } from '@paytokens/domain';
import { ZENKI_PROVIDER } from './zenki-http';

/** The merchant behind the credentials, as `GET /v1/pay/me` describes it. */
export interface ZenkiMerchant {
  commercialName: string;
  legalName?: string;
  /** `PERSONAL` or `ENTITY`. */
  accountType: string;
  /** `PENDING`, `APPROVED`, `REQUEST_INFO` or `REJECTED`. */
  kycStatus: string;
  /** `PENDING` or `COMPLETED`. */
  integrationStatus: string;
  /** Discount in percent for paying with crypto love. */
  cryptoLovePercentage?: number;
  cryptoAssets: { currency: string; active: boolean }[];
  plugins: { name: string; clientId: string }[];
}

/** Maps Zenki's `Merchant` answer; throws ProviderUnavailableError when what a merchant needs is missing. */
export function toZenkiMerchant(body: unknown): ZenkiMerchant {
  const record = asRecord(body);
  const info = asRecord(record?.['merchantInfo']);
  const commercialName = info?.['commercialName'];
  if (!info || typeof commercialName !== 'string') {
    throw new ProviderUnavailableError('Zenki answered GET /v1/pay/me without merchantInfo.commercialName', { provider: ZENKI_PROVIDER, providerStatus: 200 });
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
