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
  [ErrorCode.Validation]: {
    status: 400,
    title: 'Invalid request',
    // Short whatever the number of problems: `errors` lists them, so the detail need not repeat every field. A
    // provider's refusal keeps its own (bounded, secret-free) words.
    detail: (error) => (error.provider ? error.message : validationDetail((error as ValidationError).errors?.length ?? 0)),
  },
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

/** A provider refusal's own problem: its code, title and (optionally) status, by the domain's `reason`. */
interface RefusalMapping {
  code: string;
  title: string;
  status?: number;
  detail?: (error: PaytokensError) => string;
}

// Each refusal reason keeps its transport status (404, 422, 502) but gets a code of its own, so callers can act on it.
const REFUSALS: Record<string, RefusalMapping> = {
  TOKEN_NOT_FOUND: { code: 'TOKEN_NOT_FOUND', title: 'Customer token not found' },
  TOKEN_NOT_CHARGEABLE: { code: 'TOKEN_NOT_CHARGEABLE', title: 'Customer token cannot be charged' },
  CHARGE_RETRYABLE: { code: 'PAYMENT_METHOD_FAILED', title: 'Payment method failed' },
  REAUTHORIZATION_REQUIRED: { code: 'REAUTHORIZATION_REQUIRED', title: 'Shopper must authorize again' },
  CURRENCY_MISMATCH: { code: 'CURRENCY_MISMATCH', title: "Currency is not the token's" },
  TOKENIZATION_NOT_ALLOWED: { code: 'INTENT_NOT_TOKENIZABLE', title: 'Session intent does not allow a customer token' },
  PAYMENT_METHOD_NOT_TOKENIZABLE: { code: 'PAYMENT_METHOD_NOT_TOKENIZABLE', title: 'Payment method cannot be tokenized' },
  MERCHANT_INACTIVE: {
    code: 'MERCHANT_INACTIVE',
    title: 'Provider merchant account inactive',
    detail: (error) =>
      `${providerName(error)} reports the merchant account this service uses as inactive; the operator must contact ${providerName(error)}. Nothing is wrong with your request.`,
  },
};

/** The problem a domain error becomes. Messages of domain errors are secret-free by contract. */
export function problemFromDomainError(error: PaytokensError): ProblemResponse {
  const reason = (error as { reason?: unknown }).reason;
  const refusal = typeof reason === 'string' ? REFUSALS[reason] : undefined;
  const base = MAPPINGS[error.code] ?? { status: 500, title: 'Internal Server Error' };
  const mapping: Mapping = refusal
    ? Object.assign({}, base, { status: refusal.status ?? base.status, title: refusal.title, detail: refusal.detail })
    : base;
  let status = mapping.status;
  let retryAfter = error.retryAfterSeconds ?? mapping.retryAfterDefault;
  // An unavailable provider that says when to come back is a temporary condition: 503 + Retry-After.
  if (error.code === ErrorCode.ProviderUnavailable) status = retryAfter === undefined ? 502 : 503;
  if (status === 502 || status === 504) retryAfter = undefined;
  const details = problem(status, refusal?.code ?? error.code, mapping.title, mapping.detail?.(error) ?? error.message, {
    // By code, not instanceof: an error from a second copy of @paytokens/domain maps the same.
    errors: error.code === ErrorCode.Validation ? (error as ValidationError).errors : undefined,
    provider: error.provider,
    providerCode: error.providerCode,
    correlationId: error.correlationId,
  });
  return retryAfter === undefined
    ? { problem: details }
    : { problem: details, headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfter))) } };
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

function validationDetail(count: number): string {
  return count === 1 ? '1 field of the request is invalid: see errors.' : `${count} fields of the request are invalid: see errors.`;
}
