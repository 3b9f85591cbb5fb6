import { ErrorCode } from './error-codes';
import { PaytokensError, type PaytokensErrorOptions } from './paytokens.error';

/** One invalid field: a dotted path (`billingAddress.country`) and what is wrong with it. */
export interface FieldError {
  field: string;
  message: string;
}

/** The input breaks a rule; nothing was sent to a provider (or the provider refused it as malformed). */
export class ValidationError extends PaytokensError {
  readonly code = ErrorCode.Validation;
  readonly errors: readonly FieldError[];

  constructor(errors: readonly FieldError[], options: PaytokensErrorOptions & { message?: string } = {}) {
    super(options.message ?? `Invalid input: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, options);
    this.errors = errors;
  }

  override toJSON(): Record<string, unknown> {
    return Object.assign(super.toJSON(), { errors: this.errors });
  }
}

/** The provider rejected our own credentials (not the caller's input). */
export class ProviderAuthenticationError extends PaytokensError {
  readonly code = ErrorCode.ProviderAuthentication;
}

/** The thing asked for does not exist at the provider (or no longer: e.g. an expired authorization). */
export class NotFoundError extends PaytokensError {
  readonly code = ErrorCode.NotFound;
}

/** The request contradicts the provider's state (e.g. data not matching the authorization's session). */
export class ConflictError extends PaytokensError {
  readonly code = ErrorCode.Conflict;
}

/** The provider understood the request and refused it (e.g. TOKEN_CANCELLED, TOKEN_SUSPENDED). */
export class RejectedError extends PaytokensError {
  readonly code = ErrorCode.Rejected;
}

/** The provider could not be reached or answered with a server error; the outcome is "nothing done". */
export class ProviderUnavailableError extends PaytokensError {
  readonly code = ErrorCode.ProviderUnavailable;
}

/** The provider did not answer in time; the outcome of the call is unknown. */
export class ProviderTimeoutError extends PaytokensError {
  readonly code = ErrorCode.ProviderTimeout;
}

/** Too many requests: the provider (or paytokens itself) asks the caller to slow down. */
export class RateLimitedError extends PaytokensError {
  readonly code = ErrorCode.RateLimited;
}

/** An idempotency key was reused with a different request. */
export class IdempotencyKeyReusedError extends PaytokensError {
  readonly code = ErrorCode.IdempotencyKeyReused;
}

/** A request with this idempotency key is still being processed; retry later for its result. */
export class IdempotencyInProgressError extends PaytokensError {
  readonly code = ErrorCode.IdempotencyInProgress;
}

/** A shared store (token cache, idempotency records) could not be used; failing closed is safer. */
export class StoreUnavailableError extends PaytokensError {
  readonly code = ErrorCode.StoreUnavailable;
}
