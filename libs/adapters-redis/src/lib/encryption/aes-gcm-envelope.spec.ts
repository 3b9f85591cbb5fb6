import { randomBytes } from 'node:crypto';
import { openValue, sealValue, UnreadableValueError } from './aes-gcm-envelope';
import { EncryptionKeyRing } from './encryption-key-ring';

const ring = (...ids: string[]) => EncryptionKeyRing.of(ids.map((id) => ({ id, key: randomBytes(32) })));
const reasonOf = (open: () => unknown): string => {
  try {
    open();
  } catch (error) {
    if (error instanceof UnreadableValueError) return error.reason;
    throw error;
  }
  return 'opened';
};

describe('AES-256-GCM envelope', () => {
  const keys = ring('new', 'old');
  const name = 'paytokens:idem:customer-token:abc';
  const plaintext = JSON.stringify({ email: 'shopper@example.org' });

  it('round-trips, names the key id, and never repeats a ciphertext for the same value', () => {
    const sealed = sealValue(keys, name, plaintext);
    expect(sealed).toMatch(/^v1\.new\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain('shopper');
    expect(sealValue(keys, name, plaintext)).not.toBe(sealed);
    expect(openValue(keys, name, sealed)).toBe(plaintext);
  });

  it('opens values of any key in the ring, and refuses a key it no longer holds', () => {
    const oldRing = EncryptionKeyRing.of([{ id: 'old', key: keys.key('old') as Buffer }]);
    const underOld = sealValue(oldRing, name, plaintext);
    expect(openValue(keys, name, underOld)).toBe(plaintext);
    expect(reasonOf(() => openValue(ring('new'), name, underOld))).toBe('unknown-key');
    // Same id, other bytes: a wrong key fails authentication.
    expect(reasonOf(() => openValue(ring('old'), name, underOld))).toBe('failed-authentication');
  });

  it('refuses a value moved under another key name, tampered with, truncated, or in clear', () => {
    const sealed = sealValue(keys, name, plaintext);
    expect(reasonOf(() => openValue(keys, 'paytokens:idem:customer-token:other', sealed))).toBe('failed-authentication');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    expect(reasonOf(() => openValue(keys, name, [...parts.slice(0, 3), body.toString('base64url'), parts[4]].join('.')))).toBe(
      'failed-authentication',
    );
    expect(reasonOf(() => openValue(keys, name, sealed.slice(0, -4)))).toBe('malformed');
    expect(reasonOf(() => openValue(keys, name, parts.slice(0, 4).join('.')))).toBe('malformed');
    expect(reasonOf(() => openValue(keys, name, plaintext))).toBe('not-encrypted');
    expect(reasonOf(() => openValue(keys, name, 'v1.new.!!.x.y'))).toBe('malformed');
  });
});
