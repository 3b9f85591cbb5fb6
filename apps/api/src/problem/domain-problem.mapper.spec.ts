import {
  ConflictError,
  ErrorCode,
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  NotFoundError,
  type PaytokensError,
  ProviderAuthenticationError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
  RejectedError,
  StoreUnavailableError,
  ValidationError,
  TokenNotFoundError,
  TokenNotChargeableError,
  ChargeRetryableError,
  ReauthorizationRequiredError,
  CurrencyMismatchError,
  TokenizationNotAllowedError,
  PaymentMethodNotTokenizableError,
  MerchantInactiveError,
} from '@paytokens/domain';
import { problemFromDomainError } from './domain-problem.mapper';

const provider = { provider: 'klarna', providerCode: 'X', correlationId: 'corr-1' };

describe('problemFromDomainError', () => {
  it('maps an error from a second copy of the domain by its code, field errors included', () => {
    // Not an instance of this copy's classes: only the shape and the stable code.
    const foreign = Object.assign(new Error('bad request'), {
      code: ErrorCode.Validation,
      provider: undefined,
      errors: [{ field: 'locale', message: 'bad' }],
    });
    const { problem } = problemFromDomainError(foreign as unknown as PaytokensError);
    expect(problem.status).toBe(400);
    expect(problem).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'locale', message: 'bad' }] });
  });

  it.each<[PaytokensError, number, string | undefined]>([
    [new ValidationError([{ field: 'locale', message: 'bad' }]), 400, undefined],
    [new NotFoundError('gone', provider), 404, undefined],
    [new ConflictError('mismatch', provider), 409, undefined],
    [new RejectedError('TOKEN_CANCELLED', provider), 422, undefined],
    [new RateLimitedError('slow down', { ...provider, retryAfterSeconds: 7 }), 429, '7'],
    [new RateLimitedError('slow down', provider), 429, '1'],
    [new ProviderAuthenticationError('401', provider), 502, undefined],
    [new ProviderUnavailableError('down', provider), 502, undefined],
    [new ProviderUnavailableError('down', { ...provider, retryAfterSeconds: 30 }), 503, '30'],
    [new ProviderTimeoutError('slow', { ...provider, retryAfterSeconds: 3 }), 504, undefined],
    [new IdempotencyKeyReusedError('reused'), 422, undefined],
    [new IdempotencyInProgressError('busy', { retryAfterSeconds: 1 }), 409, '1'],
    [new StoreUnavailableError('redis down', { retryAfterSeconds: 0.2 }), 503, '1'],
  ])('%s → %i (Retry-After %s)', (error, status, retryAfter) => {
    const { problem, headers } = problemFromDomainError(error);
    expect(problem.status).toBe(status);
    expect(problem.code).toBe(error.code);
    expect(problem.type).toBe(`https://paytokens.dev/problems/${error.code.toLowerCase().replace(/_/g, '-')}`);
    expect(headers?.['retry-after']).toBe(retryAfter);
  });

  it('maps every domain error code', () => {
    const mapped = [
      ValidationError,
      NotFoundError,
      ConflictError,
      RejectedError,
      RateLimitedError,
      ProviderAuthenticationError,
      ProviderUnavailableError,
      ProviderTimeoutError,
      IdempotencyKeyReusedError,
      IdempotencyInProgressError,
      StoreUnavailableError,
    ].map(
      (ErrorClass) =>
        (ErrorClass === ValidationError ? new ValidationError([]) : new (ErrorClass as new (m: string) => PaytokensError)('x')).code,
    );
    expect(new Set(mapped)).toEqual(new Set(Object.values(ErrorCode)));
    for (const code of mapped) expect(problemFromDomainError({ code, message: 'x' } as PaytokensError).problem.status).not.toBe(500);
  });

  it("carries the provider's code and correlation id, and the field errors of a validation failure", () => {
    const { problem } = problemFromDomainError(
      new ValidationError([{ field: 'billingAddress.country', message: 'bad' }], { ...provider, message: 'Klarna said no' }),
    );
    expect(problem).toEqual({
      type: 'https://paytokens.dev/problems/validation-failed',
      title: 'Invalid request',
      status: 400,
      detail: 'Klarna said no',
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'billingAddress.country', message: 'bad' }],
      provider: 'klarna',
      providerCode: 'X',
      correlationId: 'corr-1',
    });
  });

  it("replaces a credential failure's message with one for the operator that names the variables", () => {
    const klarna = problemFromDomainError(new ProviderAuthenticationError('Klarna refused (401)', { provider: 'klarna' })).problem;
    expect(klarna.detail).toBe(
      'Klarna refused the credentials this service is configured with; the operator must check KLARNA_USERNAME and KLARNA_PASSWORD. ' +
        'Nothing is wrong with your request.',
    );
    const zenki = problemFromDomainError(new ProviderAuthenticationError('x', { provider: 'zenki' })).problem;
    expect(zenki.detail).toContain('ZENKI_CLIENT_ID and ZENKI_CLIENT_SECRET');
  });

  it.each<[PaytokensError, number, string]>([
    [new TokenNotFoundError(provider), 404, 'TOKEN_NOT_FOUND'],
    [new TokenNotChargeableError(provider), 422, 'TOKEN_NOT_CHARGEABLE'],
    [new ChargeRetryableError(provider), 422, 'PAYMENT_METHOD_FAILED'],
    [new ReauthorizationRequiredError(provider), 422, 'REAUTHORIZATION_REQUIRED'],
    [new CurrencyMismatchError(provider), 422, 'CURRENCY_MISMATCH'],
    [new TokenizationNotAllowedError(provider), 422, 'INTENT_NOT_TOKENIZABLE'],
    [new PaymentMethodNotTokenizableError(provider), 422, 'PAYMENT_METHOD_NOT_TOKENIZABLE'],
    [new MerchantInactiveError(provider), 502, 'MERCHANT_INACTIVE'],
  ])('a provider refusal gets its own code: %s → %i %s, keeping the provider code and correlation id', (error, status, code) => {
    const { problem } = problemFromDomainError(error);
    expect(problem).toMatchObject({
      status,
      code,
      type: `https://paytokens.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      providerCode: 'X',
      correlationId: 'corr-1',
    });
    expect(problem.detail).toEqual(code === 'MERCHANT_INACTIVE' ? expect.stringContaining('operator') : error.message);
  });
});
