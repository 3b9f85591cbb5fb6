import type { RedisStores, RedisStoresHealth, UnreadableValueCounter } from '@paytokens/adapters-redis';
import { DEFAULT_MAX_IDEMPOTENCY_RECORDS, InMemoryIdempotencyStore, type AccessTokenCache, type IdempotencyStore } from '@paytokens/domain';

/** Where access tokens and idempotency records live: this process's memory, or Redis shared by every instance. */
export type PersistenceMode = 'memory' | 'redis';

/** What readiness reports about the shared store. */
export type StoreHealth = RedisStoresHealth;

/**
 * The stores the provider modules are given. In memory mode: no token cache (the modules' in-process default) and
 * a bounded in-memory idempotency store (it refuses new keys when full); with Redis they are PaytokensRedisModule's:
 * access tokens in Redis with an in-process fallback (they keep flowing when Redis fails), idempotency records in
 * Redis only (503, never a duplicate).
 */
export class PersistenceStores {
  private constructor(
    readonly mode: PersistenceMode,
    private readonly redis?: RedisStores,
    private readonly memoryIdempotencyStore?: InMemoryIdempotencyStore,
  ) {}

  /** The in-process stores of one instance; the idempotency store holds at most `maxIdempotencyRecords`. */
  static memory(maxIdempotencyRecords = DEFAULT_MAX_IDEMPOTENCY_RECORDS): PersistenceStores {
    return new PersistenceStores('memory', undefined, new InMemoryIdempotencyStore(undefined, maxIdempotencyRecords));
  }

  /** The stores PaytokensRedisModule connected (it logs, reconnects and closes them). */
  static redis(stores: RedisStores): PersistenceStores {
    return new PersistenceStores('redis', stores);
  }

  /** Undefined in memory mode: ZenkiModule's in-process default. */
  get tokenCache(): AccessTokenCache | undefined {
    return this.redis?.tokenCache;
  }

  /** Redis's store, or the bounded in-memory one. */
  get idempotencyStore(): IdempotencyStore | undefined {
    return this.redis?.idempotencyStore ?? this.memoryIdempotencyStore;
  }

  /** Counts of Redis values that did not decrypt; undefined in memory mode. */
  get unreadableValues(): UnreadableValueCounter | undefined {
    return this.redis?.unreadableValues;
  }

  /** What readiness reports; undefined in memory mode (nothing shared to check). Never throws. */
  async health(): Promise<StoreHealth | undefined> {
    return this.redis?.health();
  }
}
