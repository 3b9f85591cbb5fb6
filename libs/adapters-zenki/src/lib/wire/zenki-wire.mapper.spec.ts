import { ProviderUnavailableError } from '@paytokens/domain';
import { parseTokenResponse } from './zenki-wire.mapper';

const T0 = Date.UTC(2026, 0, 1);

describe('parseTokenResponse', () => {
  it('reads TokenOAuth2 and ignores the undefined "required" fields and unknown keys', () => {
    const token = parseTokenResponse(
      JSON.stringify({ accessToken: 'tok-abc', tokenType: 'Bearer', expiresIn: 1800, sessionState: 'x', scope: 'all' }),
      200,
      T0,
    );
    expect(token.value.reveal()).toBe('tok-abc');
    expect(token.tokenType).toBe('Bearer');
    expect(token.issuedAt).toBe(T0);
    expect(token.expiresAt).toBe(T0 + 1_800_000);
  });

  it('defaults a missing tokenType to Bearer and accepts a numeric string expiresIn', () => {
    const token = parseTokenResponse(JSON.stringify({ accessToken: 'tk-9f8e7d', expiresIn: '60' }), 200, T0);
    expect(token.tokenType).toBe('Bearer');
    expect(token.lifetimeMs).toBe(60_000);
  });

  it.each([
    ['not JSON', 'oops', 'not JSON'],
    ['an array', '[]', 'not a JSON object'],
    ['no accessToken', JSON.stringify({ tokenType: 'Bearer', expiresIn: 1800 }), 'no accessToken'],
    ['an empty accessToken', JSON.stringify({ accessToken: '', expiresIn: 1800 }), 'no accessToken'],
    ['no expiresIn', JSON.stringify({ accessToken: 'tk-9f8e7d' }), 'missing or invalid expiresIn'],
    ['expiresIn 0', JSON.stringify({ accessToken: 'tk-9f8e7d', expiresIn: 0 }), 'non-positive expiresIn'],
    ['a negative expiresIn', JSON.stringify({ accessToken: 'tk-9f8e7d', expiresIn: -5 }), 'non-positive expiresIn'],
    ['a non-numeric expiresIn', JSON.stringify({ accessToken: 'tk-9f8e7d', expiresIn: 'soon' }), 'missing or invalid expiresIn'],
  ])('treats %s as a provider error', (_case, text, problem) => {
    let caught: unknown;
    try {
      parseTokenResponse(text, 200, T0);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProviderUnavailableError);
    expect(caught).toMatchObject({ provider: 'zenki', providerStatus: 200 });
    expect((caught as Error).message).toContain(problem);
    expect((caught as Error).message).not.toContain('tk-9f8e7d');
  });
});
