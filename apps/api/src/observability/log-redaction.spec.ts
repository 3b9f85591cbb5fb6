import { NotFoundError } from '@paytokens/domain';
import { LogScrubber, REDACTED, sensitivityOf } from './log-redaction';

describe('LogScrubber', () => {
  const scrubber = new LogScrubber(['klarna-password-value', 'zenki-client-secret-value', 'short']);

  it('replaces secrets and personal data at any depth, in any spelling of the field name', () => {
    const scrubbed = scrubber.scrub({
      password: 'p@ssw0rd-123',
      client_secret: 'zz-secret-zz',
      headers: { Authorization: 'Bearer abc.def', 'x-api-key': 'key-123456789' },
      body: {
        apiKey: 'pt_abcdefghijklmnop',
        billingAddress: {
          givenName: 'Jane',
          familyName: 'Doe',
          email: 'jane@example.com',
          phone: '+44 7700 900077',
          streetAddress: 'Lombard St 10',
          streetAddress2: 'Apt 2',
          country: 'GB',
        },
        customer: { dateOfBirth: '1980-01-31', lastFourSsn: '1234', nationalIdentificationNumber: '19800131-1234', gender: 'female' },
        list: [{ email: 'a@b.co' }],
      },
    });
    expect(scrubbed).toEqual({
      password: REDACTED,
      client_secret: REDACTED,
      headers: { Authorization: REDACTED, 'x-api-key': REDACTED },
      body: {
        apiKey: REDACTED,
        billingAddress: {
          givenName: REDACTED,
          familyName: REDACTED,
          email: REDACTED,
          phone: REDACTED,
          streetAddress: REDACTED,
          streetAddress2: REDACTED,
          country: 'GB',
        },
        customer: { dateOfBirth: REDACTED, lastFourSsn: REDACTED, nationalIdentificationNumber: REDACTED, gender: 'female' },
        list: [{ email: REDACTED }],
      },
    });
  });

  it('keeps at most a four-character suffix of tokens and token ids, and nothing of short ones', () => {
    expect(
      scrubber.scrub({
        accessToken: 'zsim_O1MTJzabLHrbCR4c9oISz',
        authorizationToken: '0b1d9815-165e-42e2-8867-35bc03789e00',
        tokenId: 'short-id',
      }),
    ).toEqual({
      accessToken: '…oISz',
      authorizationToken: '…9e00',
      tokenId: '…',
    });
  });

  it('scrubs free text: bearer credentials, URL credentials, ids in paths, secret pairs, emails, long digit runs, known secrets', () => {
    const text = [
      'Authorization: Bearer pt_abcdefghijkl and Basic dXNlcjpwYXNz',
      'connect ECONNREFUSED redis://:hunter2@10.0.0.5:6379',
      'GET /v1/klarna/customer-tokens/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f failed',
      'POST https://api.klarna.com/payments/v1/authorizations/0b1d9815-165e-42e2-8867-35bc03789e00/customer-token',
      'clientSecret=abc123 password: "pw pw" {"api_key":"k-123"}',
      'mail jane.doe+x@example.co.uk or call +44 (0) 7700-900077, ssn 123-45-6789',
      'the configured klarna-password-value leaked, and zenki-client-secret-value too',
    ].join('\n');
    const scrubbed = scrubber.scrubText(text);
    for (const secret of [
      'pt_abcdefghijkl',
      'dXNlcjpwYXNz',
      'hunter2',
      '7c5f3c58-3d4e-4f6c-9a2f',
      '0b1d9815-165e-42e2',
      'abc123',
      'pw pw',
      'k-123',
      'jane.doe',
      '7700-900077',
      '123-45-6789',
      'klarna-password-value',
      'zenki-client-secret-value',
    ]) {
      expect(scrubbed).not.toContain(secret);
    }
    expect(scrubbed).toContain('/v1/klarna/customer-tokens/…5e6f failed');
    expect(scrubbed).toContain('/authorizations/…9e00/customer-token');
    expect(scrubbed).toContain('Bearer [REDACTED]');
  });

  it('leaves ids, route templates, masked paths, numbers and short known values alone', () => {
    const line = {
      reqId: '12345678-1234-4234-8234-123456789012',
      correlationId: '6a9b1cb1-73a3-4936-a030-481ba4bb203b',
      route: '/v1/klarna/customer-tokens/:tokenId',
      path: '/v1/klarna/customer-tokens/…5e6f',
      status: 404,
      durationMs: 12.5,
      note: 'a short word stays',
    };
    expect(scrubber.scrub(line)).toEqual(line);
  });

  it('turns errors into their safe parts, message, stack and cause scrubbed', () => {
    const cause = new Error('redis://user:hunter2@cache:6379 refused');
    const error = new NotFoundError('no token /v1/klarna/customer-tokens/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f', {
      provider: 'klarna',
      providerCode: 'TOKEN_NOT_FOUND',
      correlationId: 'corr-1',
      cause,
    });
    (error as unknown as Record<string, unknown>)['request'] = { headers: { authorization: 'Basic secret' } };
    const scrubbed = scrubber.scrub({ err: error }) as { err: Record<string, unknown> };
    expect(scrubbed.err).toMatchObject({
      type: 'NotFoundError',
      message: 'no token /v1/klarna/customer-tokens/…5e6f',
      code: 'NOT_FOUND',
      provider: 'klarna',
      providerCode: 'TOKEN_NOT_FOUND',
      correlationId: 'corr-1',
      cause: { type: 'Error', message: 'redis://[REDACTED]@cache:6379 refused' },
    });
    expect(scrubbed.err['request']).toBeUndefined();
    expect(JSON.stringify(scrubbed)).not.toMatch(/hunter2|7c5f3c58|Basic secret/);
  });

  it('never changes what it was given, and stops at a depth limit', () => {
    const original = { password: 'p', nested: { email: 'x@y.zz' } };
    scrubber.scrub(original);
    expect(original).toEqual({ password: 'p', nested: { email: 'x@y.zz' } });
    let deep: Record<string, unknown> = { email: 'deep@example.com' };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    expect(JSON.stringify(scrubber.scrub(deep))).not.toContain('deep@example.com');
  });

  it('classifies field names whatever their case or separators', () => {
    expect(['clientSecret', 'CLIENT_SECRET', 'client-secret', 'Authorization', 'x-api-key'].map(sensitivityOf)).toEqual(
      Array(5).fill('secret'),
    );
    expect(['accessToken', 'access_token', 'tokenId', 'authorizationToken'].map(sensitivityOf)).toEqual(Array(4).fill('token'));
    expect(['email', 'dateOfBirth', 'street_address2', 'lastFourSsn'].map(sensitivityOf)).toEqual(Array(4).fill('personal'));
    expect(['status', 'country', 'provider'].map(sensitivityOf)).toEqual([undefined, undefined, undefined]);
  });
});
