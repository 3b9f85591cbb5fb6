import { openValue, sealValue, UnreadableValueError, type UnreadableReason } from './aes-gcm-envelope';
import type { EncryptionKeyRing } from './encryption-key-ring';

/** Which store met an unreadable value. */
export type RedisValueKind = 'access-token' | 'token-lock' | 'idempotency-record';

/** Told about each value that did not decode (for a log line and a metric); never given the value. */
export type UnreadableValueListener = (kind: RedisValueKind, reason: UnreadableReason) => void;

/**
 * The one seam between the stores and what Redis holds: every value is encoded on its way in and decoded on its
 * way out, with the full Redis key name it is stored under (so a value copied under another key does not decode).
 */
export interface RedisValueCodec {
  /** True when values are encrypted; false when they are written in clear. */
  readonly encrypted: boolean;
  /** The stored form of `plaintext` under the key `keyName`. */
  encode(keyName: string, plaintext: string): string;
  /** The plaintext of a value read from `keyName`; throws an {@link UnreadableValueError} when it does not decode. */
  decode(keyName: string, stored: string): string;
  /** Reports a value of `kind` that did not decode (the codec's listener counts and logs it). */
  reportUnreadable(kind: RedisValueKind, error: UnreadableValueError): void;
}

/** Values encrypted with AES-256-GCM under a key ring, the key name bound as additional authenticated data. */
export class EncryptedValueCodec implements RedisValueCodec {
  readonly encrypted = true;

  constructor(
    /** The ring values are encrypted and decrypted with. */
    readonly keyRing: EncryptionKeyRing,
    private readonly onUnreadable: UnreadableValueListener = () => undefined,
  ) {}

  encode(keyName: string, plaintext: string): string {
    return sealValue(this.keyRing, keyName, plaintext);
  }

  decode(keyName: string, stored: string): string {
    return openValue(this.keyRing, keyName, stored);
  }

  reportUnreadable(kind: RedisValueKind, error: UnreadableValueError): void {
    this.onUnreadable(kind, error.reason);
  }
}

/** Values written and read in clear: only when no key ring was configured (start-up warns loudly). */
export class ClearValueCodec implements RedisValueCodec {
  readonly encrypted = false;

  constructor(private readonly onUnreadable: UnreadableValueListener = () => undefined) {}

  encode(_keyName: string, plaintext: string): string {
    return plaintext;
  }

  decode(_keyName: string, stored: string): string {
    // Written while encryption was on: without the ring it cannot be read, and must not be taken for a clear value.
    if (stored.startsWith('v1.')) throw new UnreadableValueError('unknown-key');
    return stored;
  }

  reportUnreadable(kind: RedisValueKind, error: UnreadableValueError): void {
    this.onUnreadable(kind, error.reason);
  }
}

/** The full name Redis stores `key` under: the connection's own prefix, then the store's key. */
export function storedKeyName(connectionKeyPrefix: string | undefined, key: string): string {
  return `${connectionKeyPrefix ?? ''}${key}`;
}
