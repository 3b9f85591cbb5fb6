import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKeyRing } from './encryption-key-ring';

/** Why a stored value could not be read back: never the value itself. */
export type UnreadableReason = 'not-encrypted' | 'malformed' | 'unknown-key' | 'failed-authentication';

/** A stored value that does not decrypt: written under another key ring or key name, tampered, truncated, or clear. */
export class UnreadableValueError extends Error {
  constructor(readonly reason: UnreadableReason) {
    super(`A value stored in Redis could not be decrypted (${reason})`);
    this.name = 'UnreadableValueError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Encrypts `plaintext` with the ring's first key (AES-256-GCM, a random 96-bit IV, a 128-bit tag), binding
 * `boundTo` (the Redis key name) as additional authenticated data: `v1.<keyId>.<iv>.<ciphertext>.<tag>`, base64url.
 */
export function sealValue(ring: EncryptionKeyRing, boundTo: string, plaintext: string): string {
  const { id, key } = ring.primary;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, id, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** Decrypts a {@link sealValue} envelope stored under `boundTo`; throws an {@link UnreadableValueError} otherwise. */
export function openValue(ring: EncryptionKeyRing, boundTo: string, stored: string): string {
  const parts = stored.split('.');
  if (parts[0] !== VERSION) throw new UnreadableValueError(stored.startsWith('{') ? 'not-encrypted' : 'malformed');
  if (parts.length !== 5 || !parts.slice(2).every((part) => BASE64URL.test(part))) throw new UnreadableValueError('malformed');
  const [, keyId, ivText, ciphertextText, tagText] = parts;
  const key = ring.key(keyId);
  if (!key) throw new UnreadableValueError('unknown-key');
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new UnreadableValueError('malformed');
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new UnreadableValueError('failed-authentication');
  }
}
