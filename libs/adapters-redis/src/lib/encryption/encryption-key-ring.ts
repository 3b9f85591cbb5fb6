import { Secret } from '@paytokens/domain';

/** One AES-256 key of a {@link EncryptionKeyRing}: its id (written into every value it encrypts) and its 32 bytes. */
export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

/** A key ring that cannot be used: the message names the entry (id or position), never key material. */
export class EncryptionKeyRingError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid Redis encryption keys: ${problems.join('; ')}`);
    this.name = 'EncryptionKeyRingError';
  }
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/;
const KEY_BYTES = 32;

/**
 * The AES-256 keys values are encrypted with: the first encrypts, every one decrypts, so a new key can be put
 * first while records written under the old one are still read. Its `toString()` and `toJSON()` show ids only.
 */
export class EncryptionKeyRing {
  private readonly byId: ReadonlyMap<string, Buffer>;

  private constructor(private readonly keys: readonly EncryptionKey[]) {
    this.byId = new Map(keys.map((entry) => [entry.id, entry.key]));
  }

  /**
   * Parses `id:base64,id:base64` (each key exactly 32 random bytes). Throws an {@link EncryptionKeyRingError}
   * listing every malformed entry by its id or position.
   */
  static parse(text: string | Secret): EncryptionKeyRing {
    const entries = Secret.of(text)
      .reveal()
      .split(',')
      .map((entry) => entry.trim());
    const problems: string[] = [];
    const keys: EncryptionKey[] = [];
    entries.forEach((entry, index) => {
      const position = `entry ${index + 1}`;
      const colon = entry.indexOf(':');
      const id = colon < 0 ? '' : entry.slice(0, colon).trim();
      const encoded = colon < 0 ? '' : entry.slice(colon + 1).trim();
      if (!KEY_ID.test(id)) return problems.push(`${position} must be id:base64 with an id of 1 to 32 letters, digits, "_" or "-"`);
      const bytes = BASE64.test(encoded)
        ? Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64')
        : Buffer.alloc(0);
      if (bytes.length !== KEY_BYTES) return problems.push(`key "${id}" (${position}) must be ${KEY_BYTES} random bytes in base64`);
      if (keys.some((key) => key.id === id)) return problems.push(`key id "${id}" appears twice (${position})`);
      keys.push({ id, key: bytes });
      return undefined;
    });
    if (problems.length > 0) throw new EncryptionKeyRingError(problems);
    return new EncryptionKeyRing(keys);
  }

  /** A ring of the given keys, the first one encrypting; throws an {@link EncryptionKeyRingError} if one is unusable. */
  static of(keys: readonly EncryptionKey[]): EncryptionKeyRing {
    const problems: string[] = [];
    if (keys.length === 0) problems.push('at least one key is needed');
    keys.forEach(({ id, key }, index) => {
      if (!KEY_ID.test(id)) problems.push(`entry ${index + 1} needs an id of 1 to 32 letters, digits, "_" or "-"`);
      else if (key.length !== KEY_BYTES) problems.push(`key "${id}" (entry ${index + 1}) must be ${KEY_BYTES} bytes`);
      else if (keys.findIndex((other) => other.id === id) !== index) problems.push(`key id "${id}" appears twice (entry ${index + 1})`);
    });
    if (problems.length > 0) throw new EncryptionKeyRingError(problems);
    return new EncryptionKeyRing(keys.map(({ id, key }) => ({ id, key: Buffer.from(key) })));
  }

  /** The key new values are encrypted with. */
  get primary(): EncryptionKey {
    return this.keys[0];
  }

  /** The ids, the encrypting one first. */
  get ids(): string[] {
    return this.keys.map((key) => key.id);
  }

  /** The key with this id, if the ring holds it. */
  key(id: string): Buffer | undefined {
    return this.byId.get(id);
  }

  toString(): string {
    return `EncryptionKeyRing(${this.ids.join(',')})`;
  }

  toJSON(): { ids: string[] } {
    return { ids: this.ids };
  }
}
