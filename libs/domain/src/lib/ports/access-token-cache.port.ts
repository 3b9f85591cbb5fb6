import type { AccessToken } from '../entities/access-token.entity';

/** A held fetch lock. Releasing is safe even after the lock expired or was taken over. */
export interface CacheLock {
  release(): Promise<void>;
}

/**
 * Where access tokens are kept between calls, possibly shared by many processes. The lock lets
 * processes agree that only one of them fetches a new token; it expires so a crashed holder blocks no one.
 */
export interface AccessTokenCache {
  get(key: string): Promise<AccessToken | undefined>;
  /** Stores the token for `ttlMs` milliseconds. */
  set(key: string, token: AccessToken, ttlMs: number): Promise<void>;
  /** Removes the entry, but only while it still holds `expectedValue` when that is given (compare-and-delete). */
  delete(key: string, expectedValue?: string): Promise<void>;
  /** Takes the fetch lock for `key` for at most `ttlMs`; `undefined` when another holder has it. */
  tryLock(key: string, ttlMs: number): Promise<CacheLock | undefined>;
}
