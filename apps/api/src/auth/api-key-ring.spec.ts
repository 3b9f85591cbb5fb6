import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { ApiKeyRing, hashedApiKeyEntry } from './api-key-ring';

describe('ApiKeyRing', () => {
  it('accepts the configured keys, in clear or as sha256:<hex>, and gives each a stable id', () => {
    const { ring, problems } = ApiKeyRing.parse(`first-key-0123456789, ${hashedApiKeyEntry('second-key-0123456789')}`);
    expect(problems).toEqual([]);
    expect(ring.size).toBe(2);
    const first = ring.verify('first-key-0123456789');
    const second = ring.verify('second-key-0123456789');
    expect(first).toBe(createHash('sha256').update('first-key-0123456789').digest('hex').slice(0, 16));
    expect(second).toMatch(/^[0-9a-f]{16}$/);
    expect(second).not.toBe(first);
    expect(ApiKeyRing.parse('first-key-0123456789').ring.verify('first-key-0123456789')).toBe(first);
  });

  it('refuses keys that are not configured, including near misses and the hash itself', () => {
    const { ring } = ApiKeyRing.parse('first-key-0123456789');
    for (const presented of [
      '',
      'first-key-012345678',
      'first-key-0123456789 ',
      'FIRST-KEY-0123456789',
      hashedApiKeyEntry('first-key-0123456789'),
    ]) {
      expect(ring.verify(presented)).toBeUndefined();
    }
  });

  it('limits an entry ending in @names to those accounts, in clear or hashed, and leaves the others unlimited', () => {
    const { ring, problems } = ApiKeyRing.parse(
      `eu-us-key-0123456789@eu+US, ${hashedApiKeyEntry('mx-only-key-0123456789')}@mx, any-key-0123456789`,
    );
    expect(problems).toEqual([]);
    expect([...(ring.accountsOf(ring.verify('eu-us-key-0123456789')!) ?? [])]).toEqual(['eu', 'us']);
    expect([...(ring.accountsOf(ring.verify('mx-only-key-0123456789')!) ?? [])]).toEqual(['mx']);
    expect(ring.accountsOf(ring.verify('any-key-0123456789')!)).toBeUndefined();
    expect(ring.verify('eu-us-key-0123456789@eu+US')).toBeUndefined();
    expect(ring.restrictedAccounts.sort()).toEqual(['eu', 'mx', 'us']);
    expect(ApiKeyRing.parse('eu-us-key-0123456789@').problems).toEqual([
      'API_KEYS entry 1 must end in @ followed by account names joined with + (e.g. @eu+us)',
    ]);
  });

  it('reports bad entries by position, never by value', () => {
    const { problems } = ApiKeyRing.parse('good-key-0123456789,tiny-secret,sha256:zz,');
    expect(problems).toEqual([
      'API_KEYS entry 2 is shorter than 16 characters',
      'API_KEYS entry 3 must be sha256: followed by 64 hex digits',
    ]);
    expect(problems.join()).not.toContain('tiny-secret');
    expect(ApiKeyRing.parse(' , ').problems).toEqual(['API_KEYS holds no key']);
  });

  it('generates a long random key that it accepts, wrapped as a Secret', () => {
    const a = ApiKeyRing.generate();
    const b = ApiKeyRing.generate();
    expect(a.key.reveal()).toMatch(/^pt_[A-Za-z0-9_-]{32}$/);
    expect(a.key.reveal()).not.toBe(b.key.reveal());
    expect(a.ring.verify(a.key.reveal())).toBeDefined();
    expect(a.ring.verify(b.key.reveal())).toBeUndefined();
    expect(String(a.key)).toBe('[REDACTED]');
  });

  it('prints as a count of keys, never the digests', () => {
    const { ring } = ApiKeyRing.parse('first-key-0123456789');
    const digest = createHash('sha256').update('first-key-0123456789').digest('hex');
    expect(JSON.stringify({ ring })).toBe('{"ring":{"keys":1}}');
    expect(inspect(ring)).toBe('ApiKeyRing(1 keys)');
    expect(inspect(ring, { showHidden: true })).not.toContain(digest.slice(0, 16));
  });
});
