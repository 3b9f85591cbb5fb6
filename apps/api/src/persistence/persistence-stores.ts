import { Logger } from '@nestjs/common';
import type { EncryptionKeyRing, RedisStores, RedisStoresHealth, UnreadableValueCounter } from '@paytokens/adapters-redis';
import { DEFAULT_MAX_IDEMPOTENCY_RECORDS, InMemoryIdempotencyStore, type AccessTokenCache, type IdempotencyStore } from '@paytokens/domain';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';

/** Where access tokens and idempotency records live: this process's memory, or Redis shared by every instance. */
export type PersistenceMode = 'memory' | 'redis';

/** The stores one provider account is given. */
export interface AccountStores {
  /** Undefined in memory mode: ZenkiModule's in-process default. */
  tokenCache?: AccessTokenCache;
  idempotencyStore?: IdempotencyStore;
}

/** The providers whose accounts have stores of their own. */
export type StoreProvider = 'klarna' | 'zenki';

const logger = new Logger('RedisEncryption');

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
    private readonly sharedKeyRing?: EncryptionKeyRing,
  ) {}

  /** The in-process stores of one instance; the idempotency store holds at most `maxIdempotencyRecords`. */
  static memory(maxIdempotencyRecords = DEFAULT_MAX_IDEMPOTENCY_RECORDS): PersistenceStores {
    return new PersistenceStores('memory', undefined, new InMemoryIdempotencyStore(undefined, maxIdempotencyRecords));
  }

  /** The stores PaytokensRedisModule connected (it logs, reconnects and closes them), encrypted with `sharedKeyRing`. */
  static redis(stores: RedisStores, sharedKeyRing?: EncryptionKeyRing): PersistenceStores {
    return new PersistenceStores('redis', stores, undefined, sharedKeyRing);
  }

  /** Redis's shared store (the account `default`'s), or the bounded in-memory one every account shares. */
  get idempotencyStore(): IdempotencyStore | undefined {
    return this.redis?.idempotencyStore ?? this.memoryIdempotencyStore;
  }

  /**
   * One provider account's stores. With Redis, the account `default` keeps the shared stores (today's keys, the
   * shared ring; `keyRing` is not used); a named account always gets its own (keys under `account:<provider>-<name>:`),
   * encrypted with its own ring when it has one, else with the shared ring (REDIS_ENCRYPTION_KEYS). Always its own
   * place, so that giving an account a key later is a rotation, not a move (a move would lose its records in flight).
   * Logs which key id encrypts it (never key material).
   */
  forAccount(provider: StoreProvider, account: string, keyRing?: EncryptionKeyRing): AccountStores {
    if (!this.redis) return { idempotencyStore: this.memoryIdempotencyStore };
    const stores = account === DEFAULT_ACCOUNT ? this.redis : this.redis.forAccount(`${provider}-${account}`, keyRing);
    logEncryption(provider, account, account === DEFAULT_ACCOUNT ? this.sharedKeyRing : (keyRing ?? this.sharedKeyRing));
    return { tokenCache: stores.tokenCache, idempotencyStore: stores.idempotencyStore };
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

function logEncryption(provider: StoreProvider, account: string, keyRing: EncryptionKeyRing | undefined): void {
  const who = `${provider === 'klarna' ? 'Klarna' : 'Zenki'} account ${account}`;
  if (keyRing)
    logger.log(
      `${who}: Redis values encrypted with key "${keyRing.primary.id}" (decrypting with ${keyRing.ids.map((id) => `"${id}"`).join(', ')})`,
    );
  else logger.warn(`${who}: Redis values are written IN CLEAR (no REDIS_ENCRYPTION_KEYS and no key of its own)`);
}
