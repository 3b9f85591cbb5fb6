import { cleanProviderText, parseJsonObject, revealSecretLike, scrubSecrets } from './secret-scrubbing';

describe('secret scrubbing', () => {
  it('replaces each secret and its URL-encoded form, and skips secrets too short to be real', () => {
    expect(scrubSecrets('pw=s3cr3t/+ and s3cr3t%2F%2B and abc', ['s3cr3t/+', 'abc'])).toBe('pw=[REDACTED] and [REDACTED] and abc');
  });

  it('cleans provider text: no control characters, bounded length, no secret', () => {
    expect(cleanProviderText('line\u0000one\nsecret-value', ['secret-value'])).toBe('line one [REDACTED]');
    expect(cleanProviderText('x'.repeat(20), [], 10)).toBe(`${'x'.repeat(10)}…`);
  });

  it('reveals a Secret from any copy of the domain, or a string; nothing else', () => {
    expect(revealSecretLike({ reveal: () => 'pw' })).toBe('pw');
    expect(revealSecretLike('pw')).toBe('pw');
    expect(revealSecretLike(42)).toBeUndefined();
  });

  it('parses only JSON objects', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonObject('[1]')).toBeUndefined();
    expect(parseJsonObject('nope')).toBeUndefined();
    expect(parseJsonObject(' ')).toBeUndefined();
  });
});
