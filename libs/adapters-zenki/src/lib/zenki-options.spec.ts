import { inspect } from 'node:util';
import { InMemoryAccessTokenCache, Secret } from '@paytokens/domain';
import { resolveZenkiOptions, InvalidZenkiOptionsError, type ZenkiModuleOptions } from './zenki-options';

const SECRET = 'opt-secret-7f3a9c1d';
const base: ZenkiModuleOptions = { clientId: 'client-1', clientSecret: SECRET };

function refusal(options: unknown): InvalidZenkiOptionsError {
  try {
    resolveZenkiOptions(options as ZenkiModuleOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidZenkiOptionsError);
    return error as InvalidZenkiOptionsError;
  }
  throw new Error('expected a refusal');
}

describe('resolveZenkiOptions', () => {
  it('fills in the documented defaults', () => {
    const resolved = resolveZenkiOptions(base);
    expect(resolved).toMatchObject({
      clientId: 'client-1',
      baseUrl: 'https://api.zenki.fi',
      timeoutMs: 5000,
      tokenSkewSeconds: 60,
      refreshAheadSeconds: 120,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxElapsedMs: 10_000 },
    });
    expect(resolved.clientSecret.reveal()).toBe(SECRET);
    expect(resolved.cache).toBeUndefined();
  });

  it('keeps given values, accepts a Secret and normalises the base URL', () => {
    const cache = new InMemoryAccessTokenCache();
    const resolved = resolveZenkiOptions({
      ...base,
      clientSecret: new Secret(SECRET),
      baseUrl: 'http://127.0.0.1:8080/zenki/',
      timeoutMs: 250,
      tokenSkewSeconds: 0,
      retry: { maxAttempts: 1, baseDelayMs: undefined },
      cache,
    });
    expect(resolved.baseUrl).toBe('http://127.0.0.1:8080/zenki');
    expect(resolved.clientSecret.reveal()).toBe(SECRET);
    expect(resolved.retry).toEqual({ maxAttempts: 1, baseDelayMs: 100, maxElapsedMs: 10_000 });
    expect(resolved.tokenSkewSeconds).toBe(0);
    expect(resolved.cache).toBe(cache);
  });

  it.each([
    [{ clientSecret: SECRET }, 'clientId'],
    [{ clientId: '  ', clientSecret: SECRET }, 'clientId'],
    [{ clientId: 'c' }, 'clientSecret'],
    [{ clientId: 'c', clientSecret: '' }, 'clientSecret'],
    [{ ...base, baseUrl: 'ftp://api.zenki.fi' }, 'baseUrl'],
    [{ ...base, baseUrl: 'not a url' }, 'baseUrl'],
    [{ ...base, baseUrl: `https://user:${SECRET}@api.zenki.fi` }, 'baseUrl'],
    [{ ...base, tokenSkewSeconds: -1 }, 'tokenSkewSeconds'],
    [{ ...base, refreshAheadSeconds: -5 }, 'refreshAheadSeconds'],
    [{ ...base, timeoutMs: 0 }, 'timeoutMs'],
    [{ ...base, timeoutMs: Number.NaN }, 'timeoutMs'],
    [{ ...base, retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
    [{ ...base, retry: { maxAttempts: 1.5 } }, 'retry.maxAttempts'],
    [{ ...base, retry: { baseDelayMs: -1 } }, 'retry.baseDelayMs'],
    [{ ...base, retry: { maxElapsedMs: 0 } }, 'retry.maxElapsedMs'],
    [{ ...base, cache: { get: () => undefined } }, 'cache'],
    [undefined, 'options'],
  ])('refuses %j naming %s, without echoing the secret', (options, field) => {
    const error = refusal(options);
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    for (const form of [error.message, String(error), JSON.stringify(error), inspect(error)]) expect(form).not.toContain(SECRET);
  });

  it('names every problem at once, not only the first', () => {
    const error = refusal({
      account: 'Bad Name',
      clientId: '',
      clientSecret: '',
      timeoutMs: -1,
      retry: { maxAttempts: 0 },
      onProviderCall: 'log',
    });
    expect(error.fields).toEqual(['account', 'clientId', 'clientSecret', 'retry.maxAttempts', 'timeoutMs', 'onProviderCall']);
  });

  it('takes a list of client secrets for rotation, the first one first', () => {
    const resolved = resolveZenkiOptions({ ...base, account: 'mx', clientSecret: [SECRET, new Secret('old-secret-2')] });
    expect(resolved.account).toBe('mx');
    expect(resolved.clientSecrets.map((s) => s.reveal())).toEqual([SECRET, 'old-secret-2']);
    expect(resolved.clientSecret.reveal()).toBe(SECRET);
    expect(refusal({ ...base, clientSecret: [SECRET, ''] }).field).toBe('clientSecret');
    expect(refusal({ ...base, clientSecret: [] }).field).toBe('clientSecret');
  });

  it('never shows the secret in the resolved options', () => {
    const resolved = resolveZenkiOptions(base);
    for (const form of [JSON.stringify(resolved), inspect(resolved, { depth: 5 }), String(resolved.clientSecret)]) {
      expect(form).not.toContain(SECRET);
    }
    expect(JSON.stringify(resolved)).toContain('[REDACTED]');
  });
});
