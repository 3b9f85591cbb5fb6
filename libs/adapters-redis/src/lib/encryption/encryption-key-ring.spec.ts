import { randomBytes } from 'node:crypto';
import { Secret } from '@paytokens/domain';
import { EncryptionKeyRing, EncryptionKeyRingError } from './encryption-key-ring';

const keyText = () => randomBytes(32).toString('base64');

describe('EncryptionKeyRing', () => {
  it('parses id:base64 entries, the first one encrypting, and shows only ids', () => {
    const [a, b] = [keyText(), keyText()];
    const ring = EncryptionKeyRing.parse(new Secret(` k2:${a} , k1:${Buffer.from(b, 'base64').toString('base64url')}`));
    expect(ring.primary.id).toBe('k2');
    expect(ring.ids).toEqual(['k2', 'k1']);
    expect(ring.key('k1')).toEqual(Buffer.from(b, 'base64'));
    expect(`${ring} ${JSON.stringify(ring)}`).not.toContain(a.slice(0, 12));
  });

  it('refuses malformed entries naming each by id or position, never quoting key material', () => {
    const short = randomBytes(16).toString('base64');
    const good = keyText();
    let error: unknown;
    try {
      EncryptionKeyRing.parse(`k1:${short},${good},k1:${good},k 3:${good},k4:not*base64,k1:${keyText()}`);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EncryptionKeyRingError);
    const problems = (error as EncryptionKeyRingError).problems;
    expect(problems).toEqual([
      'key "k1" (entry 1) must be 32 random bytes in base64',
      'entry 2 must be id:base64 with an id of 1 to 32 letters, digits, "_" or "-"',
      'entry 4 must be id:base64 with an id of 1 to 32 letters, digits, "_" or "-"',
      'key "k4" (entry 5) must be 32 random bytes in base64',
      'key id "k1" appears twice (entry 6)',
    ]);
    expect((error as Error).message).not.toContain(short);
    expect((error as Error).message).not.toContain(good.slice(0, 12));
    expect(() => EncryptionKeyRing.parse(`a:${good},a:${keyText()}`)).toThrow('key id "a" appears twice (entry 2)');
    expect(() => EncryptionKeyRing.parse('')).toThrow(EncryptionKeyRingError);
  });

  it('builds from raw keys and refuses wrong lengths or an empty ring', () => {
    expect(EncryptionKeyRing.of([{ id: 'raw', key: randomBytes(32) }]).primary.id).toBe('raw');
    expect(() => EncryptionKeyRing.of([{ id: 'raw', key: randomBytes(31) }])).toThrow('key "raw" (entry 1) must be 32 bytes');
    expect(() => EncryptionKeyRing.of([])).toThrow('at least one key is needed');
  });
});
