import type { RedisStores, RedisStoresHealth } from '@paytokens/adapters-redis';
import type { AccessTokenCache, IdempotencyStore } from '@paytokens/domain';

/** Where access tokens and idempotency records live: this process's memory, or Redis shared by every instance. */
export type PersistenceMode = 'memory' | 'redis';

/** What readiness reports about the shared store. */
export type StoreHealth = RedisStoresHealth;

/**
 * The stores the provider modules are given. In memory mode both are undefined and the modules use their
 * in-process defaults; with Redis they are PaytokensRedisModule's: access tokens in Redis with an in-process
 * fallback (they keep flowing when Redis fails), idempotency records in Redis only (503, never a duplicate).
 */
export class PersistenceStores {
  private constructor(
    readonly mode: PersistenceMode,
    private readonly redis?: RedisStores,
  ) {}

  /** The in-process stores of one instance. */
  static memory(): PersistenceStores {
    return new PersistenceStores('memory');
  }

  /** The stores PaytokensRedisModule connected (it logs, reconnects and closes them). */
  static redis(stores: RedisStores): PersistenceStores {
    return new PersistenceStores('redis', stores);
  }

  /** Undefined in memory mode: ZenkiModule's in-process default. */
  get tokenCache(): AccessTokenCache | undefined {
    return this.redis?.tokenCache;
  }

  /** Undefined in memory mode: KlarnaModule's in-process default. */
  get idempotencyStore(): IdempotencyStore | undefined {
    return this.redis?.idempotencyStore;
  }

  /** What readiness reports; undefined in memory mode (nothing shared to check). Never throws. */
  async health(): Promise<StoreHealth | undefined> {
    return this.redis?.health();
  }
}
