import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { Secret } from '@paytokens/domain';

const HASHED_ENTRY = /^sha256:([0-9a-fA-F]{64})$/;
const ACCOUNT_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;
/** Shorter keys are guessable; generated keys are far longer. */
export const MIN_API_KEY_LENGTH = 16;

/** The result of reading `API_KEYS`: the usable keys and, per bad entry, a message that never quotes it. */
export interface ParsedApiKeys {
  ring: ApiKeyRing;
  problems: string[];
}

/**
 * The API keys callers may present, held only as SHA-256 digests. Checking a key hashes it once and
 * compares it with every digest in constant time: with a handful of keys that costs what a Map lookup
 * does, and how long it takes does not depend on which key (if any) matched.
 */
export class ApiKeyRing {
  private readonly ids: readonly string[];
  private readonly accountsById = new Map<string, ReadonlySet<string>>();

  private constructor(
    private readonly digests: readonly Buffer[],
    accounts: readonly (ReadonlySet<string> | undefined)[] = [],
  ) {
    this.ids = digests.map((digest) => digest.toString('hex').slice(0, 16));
    accounts.forEach((allowed, index) => allowed && this.accountsById.set(this.ids[index], allowed));
  }

  /**
   * Reads a comma-separated list of keys, or of `sha256:<64 hex>` digests of keys; an entry ending in
   * `@eu+us` may use only those provider accounts.
   */
  static parse(list: string): ParsedApiKeys {
    const digests: Buffer[] = [];
    const accounts: (ReadonlySet<string> | undefined)[] = [];
    const problems: string[] = [];
    list
      .split(',')
      .map((entry) => entry.trim())
      .forEach((fullEntry, index) => {
        if (!fullEntry) return;
        const at = fullEntry.lastIndexOf('@');
        const entry = at < 0 ? fullEntry : fullEntry.slice(0, at);
        const restriction =
          at < 0
            ? undefined
            : new Set(
                fullEntry
                  .slice(at + 1)
                  .split('+')
                  .map((name) => name.trim().toLowerCase()),
              );
        if (restriction && [...restriction].some((name) => !ACCOUNT_NAME.test(name))) {
          problems.push(`API_KEYS entry ${index + 1} must end in @ followed by account names joined with + (e.g. @eu+us)`);
          return;
        }
        const before = digests.length;
        const hashed = HASHED_ENTRY.exec(entry);
        if (hashed) digests.push(Buffer.from(hashed[1], 'hex'));
        else if (entry.toLowerCase().startsWith('sha256:'))
          problems.push(`API_KEYS entry ${index + 1} must be sha256: followed by 64 hex digits`);
        else if (entry.length < MIN_API_KEY_LENGTH)
          problems.push(`API_KEYS entry ${index + 1} is shorter than ${MIN_API_KEY_LENGTH} characters`);
        else digests.push(sha256(entry));
        if (digests.length > before) accounts.push(restriction);
      });
    if (digests.length === 0 && problems.length === 0) problems.push('API_KEYS holds no key');
    return { ring: new ApiKeyRing(digests, accounts), problems };
  }

  /** A new random key (printed once by the caller) and the ring that accepts it. */
  static generate(): { key: Secret; ring: ApiKeyRing } {
    const key = `pt_${randomBytes(24).toString('base64url')}`;
    return { key: new Secret(key), ring: new ApiKeyRing([sha256(key)]) };
  }

  /** The stable id (16 hex digits of its digest) of the presented key, or undefined when no key matches. */
  verify(presented: string): string | undefined {
    const digest = sha256(presented);
    let match = -1;
    for (let i = 0; i < this.digests.length; i++) {
      if (timingSafeEqual(digest, this.digests[i])) match = i;
    }
    return match < 0 ? undefined : this.ids[match];
  }

  /** The accounts the key with this id may use; undefined when it may use every account. */
  accountsOf(keyId: string): ReadonlySet<string> | undefined {
    return this.accountsById.get(keyId);
  }

  /** Every account name some key is limited to (start-up checks each is configured). */
  get restrictedAccounts(): string[] {
    return [...new Set([...this.accountsById.values()].flatMap((allowed) => [...allowed]))];
  }

  get size(): number {
    return this.digests.length;
  }

  toJSON(): Record<string, unknown> {
    return { keys: this.digests.length };
  }

  [inspect.custom](): string {
    return `ApiKeyRing(${this.digests.length} keys)`;
  }
}

/** The `sha256:<hex>` form of a key, as API_KEYS accepts it. */
export function hashedApiKeyEntry(key: string): string {
  return `sha256:${sha256(key).toString('hex')}`;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
