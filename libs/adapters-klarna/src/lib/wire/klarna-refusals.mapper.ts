import {
  ChargeRetryableError,
  CurrencyMismatchError,
  MerchantInactiveError,
  PaymentMethodNotTokenizableError,
  ProviderUnavailableError,
  ReauthorizationRequiredError,
  TokenizationNotAllowedError,
  TokenNotChargeableError,
  TokenNotFoundError,
  type PaytokensError,
  type PaytokensErrorOptions,
} from '@paytokens/domain';

/** What Klarna answered with an error: status, its ErrorV2 code and messages, the correlation id. */
export interface KlarnaRefusal {
  status: number;
  errorCode?: string;
  messages?: readonly string[];
  correlationId?: string;
  retryAfterSeconds?: number;
}

type Build = (options: PaytokensErrorOptions) => PaytokensError;

// Token-order codes from docs.klarna.com (place-order-token [K8] and create-an-order [K7]).
const TOKEN_ORDER: Record<string, Build> = {
  TOKEN_NOT_FOUND: (o) => new TokenNotFoundError(o),
  TOKEN_SUSPENDED: (o) => new TokenNotChargeableError(o),
  TOKEN_CANCELLED: (o) => new TokenNotChargeableError(o),
  TOKEN_CANCELED: (o) => new TokenNotChargeableError(o),
  TOKEN_FORBIDDEN: (o) => new TokenNotChargeableError(o),
  PAYMENT_METHOD_FAILED: (o) => new ChargeRetryableError(o),
  UNAVAILABLE_PAYMENT_METHOD: (o) => new ReauthorizationRequiredError(o),
  PAYMENT_METHOD_CURRENCY_MISMATCH: (o) => new CurrencyMismatchError(o),
  MERCHANT_INACTIVE: (o) => new MerchantInactiveError(o),
  SERVICE_UNAVAILABLE: (o) => new ProviderUnavailableError('Klarna cannot charge the token right now; try again later', o),
  INTERNAL_SERVER_ERROR: (o) => new ProviderUnavailableError('Klarna failed to charge the token; wait and try again', o),
};

/**
 * The domain error for a refused token order, by Klarna's error code; `undefined` for codes with no specific
 * meaning here (the adapter's generic status mapping then applies).
 */
export function tokenOrderRefusal(refusal: KlarnaRefusal): PaytokensError | undefined {
  const build = refusal.errorCode === undefined ? undefined : TOKEN_ORDER[refusal.errorCode];
  return build?.(options(refusal));
}

/**
 * The domain error for a create-token refusal that is neither the caller's malformed request nor a generic
 * rejection: intent buy (403 INVALID_OPERATION), a payment method that cannot be tokenized (400 BAD_REQUEST
 * "… is not valid for creating customer tokens in …") [K7], an inactive merchant (403 MERCHANT_INACTIVE) [K5].
 */
export function createTokenRefusal(refusal: KlarnaRefusal): PaytokensError | undefined {
  const text = (refusal.messages ?? []).join(' ');
  if (refusal.status === 403 && refusal.errorCode === 'MERCHANT_INACTIVE') return new MerchantInactiveError(options(refusal));
  if (refusal.status === 403 && refusal.errorCode === 'INVALID_OPERATION' && /intent/i.test(text))
    return new TokenizationNotAllowedError(options(refusal));
  if (refusal.status === 400 && refusal.errorCode === 'BAD_REQUEST' && /not valid for creating customer tokens/i.test(text)) {
    return new PaymentMethodNotTokenizableError(options(refusal));
  }
  return undefined;
}

function options(refusal: KlarnaRefusal): PaytokensErrorOptions {
  return {
    provider: 'klarna',
    providerCode: refusal.errorCode,
    providerMessages: refusal.messages,
    correlationId: refusal.correlationId,
    providerStatus: refusal.status,
    retryAfterSeconds: refusal.retryAfterSeconds,
  };
}
