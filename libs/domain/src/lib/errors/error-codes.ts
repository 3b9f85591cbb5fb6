/** Stable string codes of every paytokens error; they survive process boundaries where `instanceof` does not. */
export const ErrorCode = {
  Validation: 'VALIDATION_FAILED',
  ProviderAuthentication: 'PROVIDER_AUTHENTICATION_FAILED',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Rejected: 'REJECTED',
  ProviderUnavailable: 'PROVIDER_UNAVAILABLE',
  ProviderTimeout: 'PROVIDER_TIMEOUT',
  RateLimited: 'RATE_LIMITED',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyInProgress: 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
  StoreUnavailable: 'STORE_UNAVAILABLE',
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
