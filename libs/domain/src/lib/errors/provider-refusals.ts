import { NotFoundError, ProviderAuthenticationError, RejectedError } from './errors';
import type { PaytokensErrorOptions } from './paytokens.error';

/**
 * Stable reasons that refine a provider's refusal. The error's `code` keeps its transport meaning
 * (REJECTED, NOT_FOUND, PROVIDER_AUTHENTICATION_FAILED); `reason` says which refusal and so what to do.
 */
export const RefusalReason = {
  TokenNotFound: 'TOKEN_NOT_FOUND',
  TokenNotChargeable: 'TOKEN_NOT_CHARGEABLE',
  ChargeRetryable: 'CHARGE_RETRYABLE',
  ReauthorizationRequired: 'REAUTHORIZATION_REQUIRED',
  CurrencyMismatch: 'CURRENCY_MISMATCH',
  TokenizationNotAllowed: 'TOKENIZATION_NOT_ALLOWED',
  PaymentMethodNotTokenizable: 'PAYMENT_METHOD_NOT_TOKENIZABLE',
  MerchantInactive: 'MERCHANT_INACTIVE',
} as const;
/** One of {@link RefusalReason}. */
export type RefusalReason = (typeof RefusalReason)[keyof typeof RefusalReason];

/** The token to charge does not exist at the provider (Klarna TOKEN_NOT_FOUND). */
export class TokenNotFoundError extends NotFoundError {
  readonly reason = RefusalReason.TokenNotFound;
  constructor(options: PaytokensErrorOptions = {}) {
    super('The customer token does not exist at the provider; check the token id', options);
  }
  override toJSON(): Record<string, unknown> {
    return Object.assign(super.toJSON(), { reason: this.reason });
  }
}

/** The token is suspended, cancelled or forbidden: it cannot be charged, now or later. */
export class TokenNotChargeableError extends RejectedError {
  readonly reason = RefusalReason.TokenNotChargeable;
  constructor(options: PaytokensErrorOptions = {}) {
    super('The customer token cannot be charged (suspended, cancelled or forbidden); ask the customer to set up a new one', options);
  }
  override toJSON(): Record<string, unknown> {
    return Object.assign(super.toJSON(), { reason: this.reason });
  }
}

/** The payment method failed this time; the same charge may succeed later (Klarna PAYMENT_METHOD_FAILED). */
export class ChargeRetryableError extends RejectedError {
  readonly reason = RefusalReason.ChargeRetryable;
  constructor(options: PaytokensErrorOptions = {}) {
    super('The payment method failed for this charge; it may succeed later: retry with a new idempotency key', options);
  }
  override toJSON(): Record<string, unknown> {
    return Object.assign(super.toJSON(), { reason: this.reason });
  }
}

/** The token's payment method is no longer available: the shopper must authorize again in a new session. */
export class ReauthorizationRequiredError extends RejectedError {
  readonly reason = RefusalReason.ReauthorizationRequired;
  constructor(options: PaytokensErrorOptions = {}) {
    super('The payment method behind the token is no longer available; the shopper must authorize again in a new session', options);
  }
  override toJSON(): Record<string, unknown> {
    return Object.assign(super.toJSON(), { reason: this.reason });
  }
}

/** The charge's currency is not the currency of the token's payment method. */
export class CurrencyMismatchError extends RejectedError {
  readonly reason = RefusalReason.CurrencyMismatch;
  constructor(options: PaytokensErrorOptions = {}) {
    super("The purchase currency is not the currency of the token's payment method; charge in the token's currency", options);
  }
  override toJSON(): Record<string, unknown> {
    return Object.assign(super.toJSON(), { reason: this.reason });
  }
}

/** The authorization's session had intent `buy`: no customer token may come from it. */
export class TokenizationNotAllowedError extends RejectedError {
  readonly reason = RefusalReason.TokenizationNotAllowed;
  constructor(options: PaytokensErrorOptions = {}) {
    super(
      'The payment session was opened with intent buy; open it with intent tokenize or buy_and_tokenize to create a customer token',
      options,
    );
  }
  override toJSON(): Record<string, unknown> {
    return Object.assign(super.toJSON(), { reason: this.reason });
  }
}

/** The shopper's payment method cannot be tokenized in this market: not a fault of the request's fields. */
export class PaymentMethodNotTokenizableError extends RejectedError {
  readonly reason = RefusalReason.PaymentMethodNotTokenizable;
  constructor(options: PaytokensErrorOptions = {}) {
    super("The shopper's payment method cannot be turned into a customer token in this country; offer another payment method", options);
  }
  override toJSON(): Record<string, unknown> {
    return Object.assign(super.toJSON(), { reason: this.reason });
  }
}

/** The provider says the merchant account is inactive: the operator must act, not the caller or the shopper. */
export class MerchantInactiveError extends ProviderAuthenticationError {
  readonly reason = RefusalReason.MerchantInactive;
  constructor(options: PaytokensErrorOptions = {}) {
    super('The provider reports the merchant account as inactive; the operator must contact the provider', options);
  }
  override toJSON(): Record<string, unknown> {
    return Object.assign(super.toJSON(), { reason: this.reason });
  }
}
