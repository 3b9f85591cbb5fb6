import { inspect } from 'node:util';
import { ErrorCode } from './error-codes';
import {
  ConflictError,
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  NotFoundError,
  ProviderAuthenticationError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
  RejectedError,
  StoreUnavailableError,
  ValidationError,
} from './errors';
import { PaytokensError, isPaytokensError, type PaytokensErrorOptions } from './paytokens.error';

type ErrorClass = new (message: string, options?: PaytokensErrorOptions) => PaytokensError;

const CLASSES: [ErrorClass, string][] = [
  [ProviderAuthenticationError, 'PROVIDER_AUTHENTICATION_FAILED'],
  [NotFoundError, 'NOT_FOUND'],
  [ConflictError, 'CONFLICT'],
  [RejectedError, 'REJECTED'],
  [ProviderUnavailableError, 'PROVIDER_UNAVAILABLE'],
  [ProviderTimeoutError, 'PROVIDER_TIMEOUT'],
  [RateLimitedError, 'RATE_LIMITED'],
  [IdempotencyKeyReusedError, 'IDEMPOTENCY_KEY_REUSED'],
  [IdempotencyInProgressError, 'IDEMPOTENCY_REQUEST_IN_PROGRESS'],
  [StoreUnavailableError, 'STORE_UNAVAILABLE'],
];

const SECRET = 'client-secret-7d2f9a41c0';

describe('the error hierarchy', () => {
  it.each(CLASSES)('%p has its stable code, name and place in the hierarchy', (Class, code) => {
    const error = new Class('went wrong');
    expect(error.code).toBe(code);
    expect(error.name).toBe(Class.name);
    expect(error.message).toBe('went wrong');
    expect(error).toBeInstanceOf(PaytokensError);
    expect(error).toBeInstanceOf(Error);
    expect(isPaytokensError(error)).toBe(true);
  });

  it('ValidationError has its stable code and lists its field errors', () => {
    const error = new ValidationError([
      { field: 'purchaseCountry', message: 'is required' },
      { field: 'billingAddress.country', message: 'must be an ISO 3166-1 alpha-2 country code' },
    ]);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe(
      'Invalid input: purchaseCountry is required; billingAddress.country must be an ISO 3166-1 alpha-2 country code',
    );
    expect(error.toJSON()).toEqual({
      name: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: error.message,
      errors: error.errors,
    });
    expect(new ValidationError([], { message: 'Malformed request', provider: 'klarna' }).message).toBe('Malformed request');
  });

  it('the codes are all distinct and match ErrorCode', () => {
    const codes = [...CLASSES.map(([, code]) => code), 'VALIDATION_FAILED'];
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('carries what the provider said', () => {
    const error = new RejectedError('The token was cancelled', {
      provider: 'klarna',
      providerCode: 'TOKEN_CANCELLED',
      providerMessages: ['Token is cancelled'],
      correlationId: 'corr-123',
      providerStatus: 409,
      retryAfterSeconds: 3,
    });
    expect(error).toMatchObject({
      provider: 'klarna',
      providerCode: 'TOKEN_CANCELLED',
      providerMessages: ['Token is cancelled'],
      correlationId: 'corr-123',
      providerStatus: 409,
      retryAfterSeconds: 3,
    });
    expect(error.toJSON()).toEqual({
      name: 'RejectedError',
      code: 'REJECTED',
      message: 'The token was cancelled',
      provider: 'klarna',
      providerCode: 'TOKEN_CANCELLED',
      providerMessages: ['Token is cancelled'],
      correlationId: 'corr-123',
      providerStatus: 409,
      retryAfterSeconds: 3,
    });
  });

  it('keeps the cause for debugging but leaves it, and any secret in it, out of toJSON', () => {
    const cause = new Error(`401 for Authorization: Basic ${SECRET}`);
    const error = new ProviderAuthenticationError('Klarna refused our credentials', { provider: 'klarna', cause });
    expect(error.cause).toBe(cause);
    const json = error.toJSON();
    expect(json).not.toHaveProperty('cause');
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(JSON.stringify(json)).not.toContain(SECRET);
    expect(Object.keys(json).sort()).toEqual(['code', 'message', 'name', 'provider']);
  });

  it('leaves the cause unset when none is given', () => {
    expect('cause' in new NotFoundError('gone')).toBe(false);
    expect(inspect(new NotFoundError('gone'))).toContain('NotFoundError');
  });
});

describe('isPaytokensError', () => {
  it('recognises an error from another copy of the package by its shape', () => {
    const foreign = Object.assign(new Error('x'), { code: 'NOT_FOUND', provider: undefined });
    expect(isPaytokensError(foreign)).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('x')],
    ['a Node system error', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'NOT_FOUND'],
    ['an object with a non-string code', { code: 404, provider: 'klarna' }],
  ])('refuses %s', (_label, value) => {
    expect(isPaytokensError(value)).toBe(false);
  });
});
