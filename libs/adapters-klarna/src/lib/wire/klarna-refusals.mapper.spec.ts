import { createTokenRefusal, tokenOrderRefusal } from './klarna-refusals.mapper';

describe('Klarna refusals', () => {
  it.each([
    ['TOKEN_NOT_FOUND', 404, 'NOT_FOUND', 'TOKEN_NOT_FOUND'],
    ['TOKEN_SUSPENDED', 403, 'REJECTED', 'TOKEN_NOT_CHARGEABLE'],
    ['TOKEN_CANCELLED', 403, 'REJECTED', 'TOKEN_NOT_CHARGEABLE'],
    ['TOKEN_CANCELED', 403, 'REJECTED', 'TOKEN_NOT_CHARGEABLE'],
    ['TOKEN_FORBIDDEN', 403, 'REJECTED', 'TOKEN_NOT_CHARGEABLE'],
    ['PAYMENT_METHOD_FAILED', 403, 'REJECTED', 'CHARGE_RETRYABLE'],
    ['UNAVAILABLE_PAYMENT_METHOD', 403, 'REJECTED', 'REAUTHORIZATION_REQUIRED'],
    ['PAYMENT_METHOD_CURRENCY_MISMATCH', 403, 'REJECTED', 'CURRENCY_MISMATCH'],
    ['SERVICE_UNAVAILABLE', 503, 'PROVIDER_UNAVAILABLE', undefined],
    ['INTERNAL_SERVER_ERROR', 500, 'PROVIDER_UNAVAILABLE', undefined],
  ])('token order %s (%i) → %s / %s, keeping code and correlation id', (errorCode, status, code, reason) => {
    const error = tokenOrderRefusal({ status, errorCode, messages: ['m'], correlationId: 'corr-9' });
    expect(error).toMatchObject({ code, providerCode: errorCode, correlationId: 'corr-9', providerStatus: status, provider: 'klarna' });
    expect((error as unknown as { reason?: string }).reason).toBe(reason);
  });

  it('leaves codes without a specific meaning to the generic mapping', () => {
    expect(tokenOrderRefusal({ status: 400, errorCode: 'BAD_VALUE' })).toBeUndefined();
    expect(tokenOrderRefusal({ status: 400 })).toBeUndefined();
  });

  it("recognises Klarna's create-token refusals, none of them a caller validation error", () => {
    expect(
      createTokenRefusal({
        status: 403,
        errorCode: 'INVALID_OPERATION',
        messages: ['Not allowed to create customer tokens for intent buy.'],
      }),
    ).toMatchObject({ code: 'REJECTED', reason: 'TOKENIZATION_NOT_ALLOWED' });
    expect(
      createTokenRefusal({ status: 400, errorCode: 'BAD_REQUEST', messages: ['pay_now is not valid for creating customer tokens in GB'] }),
    ).toMatchObject({ code: 'REJECTED', reason: 'PAYMENT_METHOD_NOT_TOKENIZABLE' });
    expect(createTokenRefusal({ status: 403, errorCode: 'MERCHANT_INACTIVE', messages: ['x'] })).toMatchObject({
      code: 'PROVIDER_AUTHENTICATION_FAILED',
      reason: 'MERCHANT_INACTIVE',
    });
    expect(createTokenRefusal({ status: 400, errorCode: 'BAD_REQUEST', messages: ['Request body is not valid JSON'] })).toBeUndefined();
  });
});
