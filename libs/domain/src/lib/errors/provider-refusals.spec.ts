import { NotFoundError, ProviderAuthenticationError, RejectedError } from './errors';
import {
  ChargeRetryableError,
  CurrencyMismatchError,
  MerchantInactiveError,
  PaymentMethodNotTokenizableError,
  ReauthorizationRequiredError,
  TokenizationNotAllowedError,
  TokenNotChargeableError,
  TokenNotFoundError,
} from './provider-refusals';

describe('provider refusals', () => {
  it.each([
    [TokenNotFoundError, NotFoundError, 'NOT_FOUND', 'TOKEN_NOT_FOUND'],
    [TokenNotChargeableError, RejectedError, 'REJECTED', 'TOKEN_NOT_CHARGEABLE'],
    [ChargeRetryableError, RejectedError, 'REJECTED', 'CHARGE_RETRYABLE'],
    [ReauthorizationRequiredError, RejectedError, 'REJECTED', 'REAUTHORIZATION_REQUIRED'],
    [CurrencyMismatchError, RejectedError, 'REJECTED', 'CURRENCY_MISMATCH'],
    [TokenizationNotAllowedError, RejectedError, 'REJECTED', 'TOKENIZATION_NOT_ALLOWED'],
    [PaymentMethodNotTokenizableError, RejectedError, 'REJECTED', 'PAYMENT_METHOD_NOT_TOKENIZABLE'],
    [MerchantInactiveError, ProviderAuthenticationError, 'PROVIDER_AUTHENTICATION_FAILED', 'MERCHANT_INACTIVE'],
  ] as const)('%p keeps its code, adds its reason and guidance, and keeps what the provider said', (Class, Base, code, reason) => {
    const error = new Class({ provider: 'klarna', providerCode: 'X_CODE', correlationId: 'corr-1', providerStatus: 403 });
    expect(error).toBeInstanceOf(Base);
    expect(error).toMatchObject({ code, reason, name: Class.name, providerCode: 'X_CODE', correlationId: 'corr-1' });
    expect(error.message.length).toBeGreaterThan(30);
    expect(error.toJSON()).toMatchObject({ code, reason, providerCode: 'X_CODE', correlationId: 'corr-1' });
  });
});
