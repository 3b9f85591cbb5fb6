import type { IdempotencyStore, Secret } from '@paytokens/domain';
import { EncryptionKeyRing } from './encryption/encryption-key-ring';
import { ClearValueCodec, EncryptedValueCodec, type RedisValueCodec } from './encryption/redis-value-codec';
import { UnreadableValueCounter } from './encryption/unreadable-value-counter';
import { FallbackAccessTokenCache } from './fallback-access-token-cache';
import { redactRedisUrl } from './redact-redis-url';
import { RedisAccessTokenCache } from './redis-access-token-cache';
import { createRedisConnection, waitForRedisReady, type RedisConnection, type RedisConnectionOptions } from './redis-connection';
import { redisHealth } from './redis-health';
import { RedisIdempotencyStore } from './redis-idempotency-store';
import { traceStoreMethods } from './redis-store-tracing';

/** Where {@link RedisStores} write their log lines (Nest's `Logger`, pino, `console` all fit). */
export interface RedisStoresLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Options of {@link RedisStores.connect}: the connection's (minus `onError`, which the stores log) and start-up. */
export interface RedisStoresOptions extends Omit<RedisConnectionOptions, 'onError'> {
  /** How long start-up waits for Redis before it goes on without it, degraded (default 5000 ms; 0: do not wait). */
  startupWaitMs?: number;
  /** While degraded, how often the token path tries Redis again (default 1000 ms). */
  retryPrimaryAfterMs?: number;
  /** Told about start-up, outages and recoveries, one line each (default: nothing is logged). */
  logger?: RedisStoresLogger;
  /** Encrypts every value written to Redis (AES-256-GCM); without it values are written in clear, with a loud warning. */
  encryption?: RedisEncryptionOptions;
}

/** How {@link RedisStores} encrypt what they write. */
export interface RedisEncryptionOptions {
  /** `id:base64,id:base64` (32 random bytes each; the first encrypts, all decrypt), or a parsed ring. */
  keys: string | Secret | EncryptionKeyRing;
}

/** The stores of one named account: its keys are prefixed with the account, and its values use its own key ring. */
export interface RedisAccountStores {
  readonly account: string;
  readonly tokenCache: FallbackAccessTokenCache;
  readonly idempotencyStore: IdempotencyStore;
}

/** What a health check reports about the stores. */
export interface RedisStoresHealth {
  status: 'up' | 'down';
  kind: 'redis' | 'redis-cluster';
  /** Round-trip time of the PING, when it answered. */
  latencyMs?: number;
  /** `shared` while tokens live in Redis; `in-process fallback` while Redis fails and each instance keeps its own. */
  tokenCache: 'shared' | 'in-process fallback';
  /** Idempotency records can be stored only while Redis answers; otherwise idempotent operations are refused. */
  idempotency: 'available' | 'unavailable';
  /** Why Redis is down; never a password or a stored value. */
  error?: string;
  /** `on` when values are encrypted; `off` when they are written in clear (no keys configured). */
  encryption: 'on' | 'off';
  /** The id of the key new values are encrypted with. */
  encryptionKeyId?: string;
  /** Values read since start-up that did not decrypt (another key, tampered, truncated): misses or 503s. */
  unreadableValues: number;
}

const ACCOUNT_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const SILENT: RedisStoresLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const DEFAULT_STARTUP_WAIT_MS = 5000;
const DEFAULT_COMMAND_TIMEOUT_MS = 1000;

/**
 * The stores every instance shares through one Redis connection: the access-token cache (falling back to an
 * in-process cache while Redis is down, so tokens keep flowing) and the idempotency store (failing closed).
 * Starts degraded when Redis does not answer in time, and the client keeps reconnecting.
 */
export class RedisStores {
  private constructor(
    /** The fail-fast ioredis client (single server or Cluster). */
    readonly connection: RedisConnection,
    /** The shared access-token cache, with its in-process fallback. */
    readonly tokenCache: FallbackAccessTokenCache,
    /** The shared idempotency store. */
    readonly idempotencyStore: IdempotencyStore,
    /** The target as it may be logged: the URL without its password, or the Cluster's seed nodes. */
    readonly target: string,
    private readonly commandTimeoutMs: number,
    private readonly codec: RedisValueCodec,
    /** Values that did not decode, by kind and reason (for metrics). */
    readonly unreadableValues: UnreadableValueCounter,
    private readonly tokenCacheFor: (codec: RedisValueCodec, prefix: string, label: string) => FallbackAccessTokenCache,
  ) {}

  private readonly accounts = new Map<string, { stores: RedisAccountStores; keyRing?: EncryptionKeyRing }>();

  /**
   * Connects and waits at most `startupWaitMs` for Redis. If it does not answer by then, start-up goes on
   * degraded (logged): tokens are cached per instance, idempotency records cannot be stored, health says
   * Redis is down, and everything is shared again as soon as Redis answers.
   */
  static async connect(options: RedisStoresOptions): Promise<RedisStores> {
    const { startupWaitMs = DEFAULT_STARTUP_WAIT_MS, retryPrimaryAfterMs, logger = SILENT, encryption, ...connectionOptions } = options;
    // Parsed before connecting: a malformed ring fails start-up at once, naming the entry, never its key.
    const keyRing =
      encryption === undefined
        ? undefined
        : encryption.keys instanceof EncryptionKeyRing
          ? encryption.keys
          : EncryptionKeyRing.parse(encryption.keys);
    const unreadableValues = new UnreadableValueCounter((message) => logger.warn(message));
    const codec = keyRing ? new EncryptedValueCodec(keyRing, unreadableValues.record) : new ClearValueCodec(unreadableValues.record);
    if (!keyRing) {
      logger.warn(
        'REDIS VALUES ARE NOT ENCRYPTED: no encryption keys were configured, so access tokens and idempotency records ' +
          "(which hold shoppers' personal data) are written to Redis in clear. Configure encryption keys before production.",
      );
    }
    const where = describeRedisTarget(options);
    let errorReported = false;
    const connection = createRedisConnection({
      ...connectionOptions,
      // The client retries every few seconds while Redis is away: one line per outage, not one per attempt.
      onError: (error) => {
        if (errorReported) return;
        errorReported = true;
        logger.error(`Redis connection error (${where}): ${error.message}`);
      },
    });
    connection.on('ready', () => {
      // A warning, like the error it ends, so that both show with the default log levels.
      if (errorReported) logger.warn(`Redis connection ready again (${where})`);
      errorReported = false;
    });
    if (startupWaitMs > 0) {
      try {
        await waitForRedisReady(connection, startupWaitMs);
        logger.log(`Sharing access tokens and idempotency records through ${where} (key prefix "${connection.options.keyPrefix ?? ''}")`);
      } catch {
        logger.warn(
          `Redis (${where}) did not answer within ${startupWaitMs} ms: starting without it. Until it answers, access tokens are ` +
            'cached per instance, idempotency records cannot be stored (idempotent operations are refused), and health reports Redis down.',
        );
      }
    }
    // Every store operation in an OpenTelemetry span (a no-op without an SDK).
    const tokenCacheFor = (valueCodec: RedisValueCodec, prefix: string, label: string): FallbackAccessTokenCache =>
      traceStoreMethods(
        new FallbackAccessTokenCache(new RedisAccessTokenCache(connection, { codec: valueCodec, prefix }), {
          retryPrimaryAfterMs,
          onDegraded: (error) =>
            logger.error(
              `Redis failed on the ${label}access-token path (${describeError(error)}): each instance now caches its own token until Redis answers again`,
            ),
          onRecovered: () => logger.warn(`Redis answers again: ${label}access tokens are shared again`),
        }),
        'AccessTokenCache',
        ['get', 'set', 'delete', 'tryLock'],
      );
    const commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    const idempotencyStore = traceStoreMethods(new RedisIdempotencyStore(connection, { codec }), 'IdempotencyStore', [
      'begin',
      'complete',
      'release',
    ]);
    return new RedisStores(
      connection,
      tokenCacheFor(codec, '', ''),
      idempotencyStore,
      where,
      commandTimeoutMs,
      codec,
      unreadableValues,
      tokenCacheFor,
    );
  }

  /**
   * The stores of one named account: keys under `account:<name>:`, values encrypted with `keyRing` (by default the
   * stores' own ring), so that an account's records are readable only with its ring and dropping its key retires
   * them all. The same name always gives the same stores; asking again with a different ring is refused.
   */
  forAccount(name: string, keyRing?: EncryptionKeyRing): RedisAccountStores {
    if (!ACCOUNT_NAME.test(name)) throw new RangeError('An account name is 1 to 64 letters, digits, "_" or "-"');
    const known = this.accounts.get(name);
    if (known) {
      if (known.keyRing !== keyRing) throw new RangeError(`The Redis stores of account "${name}" were already made with another key ring`);
      return known.stores;
    }
    const codec = keyRing ? new EncryptedValueCodec(keyRing, this.unreadableValues.record) : this.codec;
    const prefix = `account:${name}:`;
    const stores: RedisAccountStores = {
      account: name,
      tokenCache: this.tokenCacheFor(codec, prefix, `account ${name}'s `),
      idempotencyStore: traceStoreMethods(new RedisIdempotencyStore(this.connection, { codec, prefix }), 'IdempotencyStore', [
        'begin',
        'complete',
        'release',
      ]),
    };
    this.accounts.set(name, { stores, keyRing });
    return stores;
  }

  /** PINGs Redis (bounded by the command timeout) and says what works; never throws. */
  async health(): Promise<RedisStoresHealth> {
    const ping = await redisHealth(this.connection, this.commandTimeoutMs);
    const degraded = this.tokenCache.isDegraded || [...this.accounts.values()].some(({ stores }) => stores.tokenCache.isDegraded);
    const health: RedisStoresHealth = {
      status: ping.status,
      kind: this.connection.isCluster ? 'redis-cluster' : 'redis',
      tokenCache: degraded ? 'in-process fallback' : 'shared',
      idempotency: ping.status === 'up' ? 'available' : 'unavailable',
      encryption: this.codec.encrypted ? 'on' : 'off',
      unreadableValues: this.unreadableValues.total,
    };
    if (this.codec instanceof EncryptedValueCodec) health.encryptionKeyId = this.codec.keyRing.primary.id;
    if (ping.latencyMs !== undefined) health.latencyMs = ping.latencyMs;
    if (ping.error) health.error = ping.error;
    return health;
  }

  /** Closes the connection: a polite QUIT, bounded by the command timeout, then the socket goes. */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.connection.quit(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, this.commandTimeoutMs);
          timer.unref();
        }),
      ]);
    } catch {
      // QUIT cannot be sent while Redis is unreachable; disconnecting below is enough.
    } finally {
      clearTimeout(timer);
      this.connection.disconnect();
    }
  }
}

/** The target as it may be logged: the URL without its password, or the Cluster's seed nodes. */
export function describeRedisTarget(options: Pick<RedisConnectionOptions, 'url' | 'clusterNodes'>): string {
  if (options.clusterNodes && options.clusterNodes.length > 0) return `Redis Cluster ${options.clusterNodes.join(',')}`;
  if (options.url === undefined) return 'redis://localhost:6379';
  return redactRedisUrl(typeof options.url === 'string' ? options.url : options.url.reveal());
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}
