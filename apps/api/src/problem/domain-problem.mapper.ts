import { ErrorCode, type PaytokensError, type ValidationError } from '@paytokens/domain';
import { problem, type ProblemResponse } from './problem-details';

interface Mapping {
  status: number;
  title: string;
  /** Replaces the error's own message, when that is not for the caller. */
  detail?: (error: PaytokensError) => string;
  /** Sends Retry-After (the error's retryAfterSeconds, else this default); undefined: none. */
  retryAfterDefault?: number;
}

// A provider's refusal is 422, not 402: nothing asks the caller to pay; the provider understood the
// request and declined it (a cancelled token, a consumed authorization).
const MAPPINGS: Record<ErrorCode, Mapping> = {
  [ErrorCode.Validation]: { status: 400, title: 'Invalid request' },
  [ErrorCode.NotFound]: { status: 404, title: 'Not found' },
  [ErrorCode.Conflict]: { status: 409, title: 'Conflict' },
  [ErrorCode.Rejected]: { status: 422, title: 'Rejected by the provider' },
  [ErrorCode.RateLimited]: { status: 429, title: 'Too many requests', retryAfterDefault: 1 },
  [ErrorCode.ProviderAuthentication]: {
    status: 502,
    title: 'Provider refused our credentials',
    detail: (error) =>
      `${providerName(error)} refused the credentials this service is configured with; the operator must check ` +
      `${credentialVariables(error.provider)}. Nothing is wrong with your request.`,
  },
  [ErrorCode.ProviderUnavailable]: { status: 502, title: 'Provider unavailable' },
  [ErrorCode.ProviderTimeout]: { status: 504, title: 'Provider timeout' },
  [ErrorCode.IdempotencyKeyReused]: { status: 422, title: 'Idempotency key reused' },
  [ErrorCode.IdempotencyInProgress]: { status: 409, title: 'Request in progress', retryAfterDefault: 1 },
  [ErrorCode.StoreUnavailable]: { status: 503, title: 'Store unavailable', retryAfterDefault: 1 },
};

/** The problem a domain error becomes. Messages of domain errors are secret-free by contract. */
export function problemFromDomainError(error: PaytokensError): ProblemResponse {
  const mapping = MAPPINGS[error.code] ?? { status: 500, title: 'Internal Server Error' };
  let status = mapping.status;
  let retryAfter = error.retryAfterSeconds ?? mapping.retryAfterDefault;
  // An unavailable provider that says when to come back is a temporary condition: 503 + Retry-After.
  if (error.code === ErrorCode.ProviderUnavailable) status = retryAfter === undefined ? 502 : 503;
  if (status === 502 || status === 504) retryAfter = undefined;
  const details = problem(status, error.code, mapping.title, mapping.detail?.(error) ?? error.message, {
    // By code, not instanceof: an error from a second copy of @paytokens/domain maps the same.
    errors: error.code === ErrorCode.Validation ? (error as ValidationError).errors : undefined,
    provider: error.provider,
    providerCode: error.providerCode,
    correlationId: error.correlationId,
  });
  return retryAfter === undefined ? { problem: details } : { problem: details, headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfter))) } };
}

function providerName(error: PaytokensError): string {
  const name = error.provider ?? 'The provider';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function credentialVariables(provider: string | undefined): string {
  if (provider === 'klarna') return 'KLARNA_USERNAME and KLARNA_PASSWORD';
  if (provider === 'zenki') return 'ZENKI_CLIENT_ID and ZENKI_CLIENT_SECRET';
  return 'the provider credentials';
}
