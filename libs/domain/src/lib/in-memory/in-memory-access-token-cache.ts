import { AccessToken } from '../entities/access-token.entity';
import type { AccessTokenCache, CacheLock } from '../ports/access-token-cache.port';
import type { Clock } from '../ports/clock.port';
import { SystemClock } from '../clock/system-clock';

interface Entry {
  token: AccessToken;
  expiresAt: number;
}

/** The process-local {@link AccessTokenCache}: the default when no shared store is configured. */
export class InMemoryAccessTokenCache implements AccessTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly locks = new Map<string, { expiresAt: number; owner: symbol }>();

  constructor(private readonly clock: Clock = new SystemClock()) {}

  async get(key: string): Promise<AccessToken | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.token;
  }

  async set(key: string, token: AccessToken, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    this.entries.set(key, { token, expiresAt: this.clock.now() + ttlMs });
  }

  async delete(key: string, expectedValue?: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (expectedValue === undefined || entry.token.value.reveal() === expectedValue) this.entries.delete(key);
  }

  async tryLock(key: string, ttlMs: number): Promise<CacheLock | undefined> {
    const now = this.clock.now();
    const held = this.locks.get(key);
    if (held && held.expiresAt > now) return undefined;
    const owner = Symbol(key);
    this.locks.set(key, { expiresAt: now + ttlMs, owner });
    return {
      release: async () => {
        // Only the owner releases: a lock that expired and was taken over stays with its new holder.
        if (this.locks.get(key)?.owner === owner) this.locks.delete(key);
      },
    };
  }
}
