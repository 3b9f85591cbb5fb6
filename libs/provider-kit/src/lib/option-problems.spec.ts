import { InvalidProviderOptionsError, OptionProblems } from './option-problems';
import { parseBaseUrl } from './base-url';
import { resolveCircuitBreaker } from './provider-circuit';
import { parseAccountName, providerToken } from './provider-account';

describe('OptionProblems', () => {
  it('collects every problem, and the error names each field without a value', () => {
    const problems = new OptionProblems();
    problems.milliseconds('timeoutMs', -1, 5000);
    problems.integer('connections', 1.5, 16);
    problems.listener('onProviderCall', 'log');
    parseBaseUrl('https://user:hunter2-secret@example.test', 'baseUrl', problems);
    resolveCircuitBreaker({ consecutiveFailures: 0, halfOpenAfterMs: 'x' }, problems);
    const error = (() => {
      try {
        problems.throwIfAny((list) => new InvalidProviderOptionsError('Acme', list));
      } catch (e) {
        return e as InvalidProviderOptionsError;
      }
      return undefined;
    })();
    expect(error?.fields).toEqual([
      'timeoutMs',
      'connections',
      'onProviderCall',
      'baseUrl',
      'circuitBreaker.consecutiveFailures',
      'circuitBreaker.halfOpenAfterMs',
    ]);
    expect(error?.field).toBe('timeoutMs');
    expect(error?.message).toMatch(/^Invalid Acme options: timeoutMs must be a positive number of milliseconds; connections/);
    expect(error?.message).not.toContain('hunter2');
  });

  it('returns the value or the default and stays empty when all is well', () => {
    const problems = new OptionProblems();
    expect(problems.milliseconds('t', undefined, 5000)).toBe(5000);
    expect(problems.integer('n', 3, 16)).toBe(3);
    expect(problems.atLeast('s', 0, 60, 0)).toBe(0);
    expect(problems.implementation('store', { get: () => undefined, set: () => undefined }, ['get', 'set'])).toBeDefined();
    expect(() => problems.throwIfAny(() => new Error('never'))).not.toThrow();
  });

  it('refuses a port implementation that lacks a method', () => {
    const problems = new OptionProblems();
    expect(problems.implementation('cache', { get: () => undefined }, ['get', 'set'])).toBeUndefined();
    expect(problems.list).toEqual([{ field: 'cache', message: 'must implement get, set' }]);
  });
});

describe('parseBaseUrl', () => {
  it.each([
    ['https://api.example.test/', 'https://api.example.test'],
    ['http://127.0.0.1:8080/base//', 'http://127.0.0.1:8080/base'],
  ])('normalises %s', (input, expected) => {
    expect(parseBaseUrl(input, 'baseUrl', new OptionProblems())).toBe(expected);
  });

  it.each([
    ['ftp://example.test', 'must be an http(s) URL'],
    ['not a url', 'must be an http(s) URL'],
    [42, 'must be an http(s) URL'],
    ['https://u:p@example.test', 'must not contain credentials'],
    ['https://example.test/?a=1', 'must not contain a query or fragment'],
    ['https://example.test/#x', 'must not contain a query or fragment'],
  ])('refuses %j', (input, message) => {
    const problems = new OptionProblems();
    expect(parseBaseUrl(input, 'baseUrl', problems)).toBeUndefined();
    expect(problems.list).toEqual([{ field: 'baseUrl', message }]);
  });
});

describe('accounts', () => {
  it('defaults to `default` and refuses names that would not be safe in keys and labels', () => {
    const problems = new OptionProblems();
    expect(parseAccountName(undefined, problems)).toBe('default');
    expect(parseAccountName('eu', problems)).toBe('eu');
    expect(problems.list).toEqual([]);
    parseAccountName('EU West', problems);
    parseAccountName('', problems);
    expect(problems.list.map((p) => p.field)).toEqual(['account', 'account']);
  });

  it('gives one token per provider, thing and account, the same in every copy of the package', () => {
    expect(providerToken('klarna', 'Options', 'eu')).toBe(Symbol.for('paytokens.klarna.eu.Options'));
    expect(providerToken('klarna', 'Options')).toBe(providerToken('klarna', 'Options', 'default'));
    expect(providerToken('klarna', 'Options', 'eu')).not.toBe(providerToken('klarna', 'Options', 'na'));
    expect(providerToken('klarna', 'Options', 'eu')).not.toBe(providerToken('zenki', 'Options', 'eu'));
  });
});
