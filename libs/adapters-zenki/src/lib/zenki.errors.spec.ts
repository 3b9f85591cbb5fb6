import {
  ProviderAuthenticationError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
  ValidationError,
  NotFoundError,
} from '@paytokens/domain';
import { mapApiError, mapTokenEndpointError } from './zenki.errors';

const SECRET = 'err-secret-0a1b2c3d';
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers,
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('mapTokenEndpointError', () => {
  it.each([
    [{ error: 'unauthorized_client', errorDescription: 'Invalid identity' }],
    [{ error: 'invalid_client', errorDescription: 'Bad client' }],
    [{ error: 'access_denied', errorDescription: 'Invalid identity' }],
  ])('maps a 400 meaning bad credentials (%j) to ProviderAuthenticationError', (body) => {
    const error = mapTokenEndpointError(answer(400, body), [SECRET]);
    expect(error).toBeInstanceOf(ProviderAuthenticationError);
    expect(error).toMatchObject({
      provider: 'zenki',
      providerCode: body.error,
      providerMessages: [body.errorDescription],
      providerStatus: 400,
    });
    expect(error.message).toMatch(/refused the client credentials/);
    expect(error.message).toMatch(/clientId and clientSecret/);
  });

  it('maps another 400 to ValidationError carrying what Zenki said', () => {
    const error = mapTokenEndpointError(answer(400, { error: 'invalid_request', errorDescription: 'grantType is required' }), [SECRET]);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ providerCode: 'invalid_request', providerMessages: ['grantType is required'], providerStatus: 400 });
    expect((error as ValidationError).errors).toEqual([{ field: 'tokenRequest', message: 'grantType is required' }]);
  });

  it('maps 5xx to ProviderUnavailableError, 429 to RateLimitedError with Retry-After, 408 to a timeout', () => {
    expect(mapTokenEndpointError(answer(500, { error: 'server_error', errorDescription: 'Unexpected error' }), [])).toBeInstanceOf(
      ProviderUnavailableError,
    );
    expect(mapTokenEndpointError(answer(502, '<html>bad gateway</html>'), [])).toMatchObject({
      providerStatus: 502,
      providerCode: undefined,
    });
    const limited = mapTokenEndpointError(answer(429, {}, { 'retry-after': '3' }), []);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.retryAfterSeconds).toBe(3);
    expect(mapTokenEndpointError(answer(408, {}), [])).toBeInstanceOf(ProviderTimeoutError);
    expect(mapTokenEndpointError(answer(404, {}), []).message).toContain('check baseUrl');
  });

  it('redacts a secret Zenki might echo', () => {
    const error = mapTokenEndpointError(answer(400, { error: 'invalid_request', errorDescription: `bad ${SECRET}` }), [SECRET]);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(error.message).not.toContain(SECRET);
    expect(error.providerMessages).toEqual(['bad [REDACTED]']);
  });
});

describe('mapApiError', () => {
  const body = {
    requestId: 'req-1',
    title: 'Not valid',
    errorCode: 400,
    category: 'ERROR',
    humanMessage: 'Fix it',
    timestamp: 1,
    validationErrors: [{ objectName: 'o', field: 'trackingId', message: 'required' }],
  };

  it('keeps the correlation id, messages and field errors', () => {
    const error = mapApiError(answer(400, body), 'POST /v1/pay/orders', []);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      correlationId: 'req-1',
      providerCode: '400',
      providerMessages: ['Not valid', 'Fix it'],
      providerStatus: 400,
    });
    expect((error as ValidationError).errors).toEqual([{ field: 'trackingId', message: 'required' }]);
  });

  it('maps 401/403 to ProviderAuthenticationError, 404 to NotFoundError, 5xx to ProviderUnavailableError', () => {
    expect(mapApiError(answer(401, {}), 'GET /v1/pay/me', [])).toBeInstanceOf(ProviderAuthenticationError);
    expect(mapApiError(answer(403, {}), 'GET /v1/pay/me', [])).toBeInstanceOf(ProviderAuthenticationError);
    expect(mapApiError(answer(404, {}), 'GET /v1/pay/me', [])).toBeInstanceOf(NotFoundError);
    expect(mapApiError(answer(503, 'down'), 'GET /v1/pay/me', [])).toBeInstanceOf(ProviderUnavailableError);
  });
});
