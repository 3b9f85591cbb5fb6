import { klarnaCustomerTokenContract, klarnaPaymentsContract, zenkiContract } from './contracts';

describe('OpenApiContract against the shared documents', () => {
  const payments = klarnaPaymentsContract();
  const tokens = klarnaCustomerTokenContract();
  const zenki = zenkiContract();

  it('accepts a minimal Klarna create request and refuses one without its required fields', () => {
    const minimal = { purchase_country: 'GB', purchase_currency: 'GBP', locale: 'en-GB', description: 'Gym', intended_use: 'SUBSCRIPTION' };
    expect(payments.validateRequest('POST', '/payments/v1/authorizations/abc/customer-token', minimal)).toEqual({
      valid: true,
      errors: [],
    });
    const missing = payments.validateRequest('POST', '/payments/v1/authorizations/abc/customer-token', { locale: 'en-GB' });
    expect(missing.valid).toBe(false);
    expect(missing.errors.join()).toContain('purchase_country');
  });

  it('refuses a pattern violation and an undocumented status', () => {
    const bad = { purchase_country: 'GBR', purchase_currency: 'GBP', locale: 'en-GB', description: 'x', intended_use: 'SUBSCRIPTION' };
    expect(payments.validateRequest('POST', '/payments/v1/authorizations/abc/customer-token', bad).valid).toBe(false);
    expect(tokens.validateResponse('GET', '/customer-token/v1/tokens/t1', 418, {}).valid).toBe(false);
  });

  it('validates a Klarna read answer, requiring status and payment_method_type', () => {
    expect(
      tokens.validateResponse('GET', '/customer-token/v1/tokens/t1', 200, { status: 'ACTIVE', payment_method_type: 'CARD' }).valid,
    ).toBe(true);
    expect(tokens.validateResponse('GET', '/customer-token/v1/tokens/t1', 200, { status: 'ACTIVE' }).valid).toBe(false);
  });

  it('applies the Zenki TokenOAuth2 erratum but still requires what the document defines', () => {
    const ok = { accessToken: 'a'.repeat(40), tokenType: 'Bearer', expiresIn: 1800 };
    expect(zenki.validateResponse('POST', '/v1/oauth/tokens', 200, ok)).toEqual({ valid: true, errors: [] });
    expect(zenki.validateResponse('POST', '/v1/oauth/tokens', 200, { tokenType: 'Bearer', expiresIn: 1800 }).valid).toBe(false);
  });

  it('requires the Zenki token request headers', () => {
    const body = { clientId: 'id', clientSecret: 's', grantType: 'client_credentials' };
    expect(
      zenki.validateRequest('POST', '/v1/oauth/tokens', body, { 'content-type': 'application/json', accept: 'application/json' }).valid,
    ).toBe(true);
    expect(zenki.validateRequest('POST', '/v1/oauth/tokens', body, {}).errors).toEqual([
      'missing required header Content-Type',
      'missing required header Accept',
    ]);
  });
});
