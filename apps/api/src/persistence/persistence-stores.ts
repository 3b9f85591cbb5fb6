import { Logger } from '@nestjs/common';
import {
  createRedisConnection,
  FallbackAccessTokenCache,
  RedisAccessTokenCache,
  RedisIdempotencyStore,
  redactRedisUrl,
  redisHealth,
  waitForRedisReady,
  type RedisConnection,
} from '@paytokens/adapters-redis';
import { DEFAULT_MAX_IDEMPOTENCY_RECORDS, InMemoryIdempotencyStore, type IdempotencyStore } from '@paytokens/domain';
import type { RedisConfig, RedisTarget } from '../config/redis.config';

/** Where access tokens and idempotency records live: this process's memory, or Redis shared by every instance. */
export type PersistenceMode = 'memory' | 'redis';

/** What readiness reports about the shared store. */
export interface StoreHealth {
  status: 'up' | 'down';
  /** `redis`, or `redis-cluster`. */
  kind: 'redis' | 'redis-cluster';
  latencyMs?: number;
  /** `shared` while tokens live in Redis; `in-process fallback` while Redis fails and each instance keeps its own. */
  tokenCache: 'shared' | 'in-process fallback';
  /** Idempotent creates work only while Redis answers; otherwise they are refused with 503. */
  idempotency: 'available' | 'unavailable';
  /** Why Redis is down; never a password or a stored value. */
  error?: string;
}

/**
 * The stores the provider modules are given. In memory mode both are undefined and the modules use their
 * in-process defaults; with Redis, access tokens go to Redis with an in-process fallback (they keep flowing
 * when Redis fails) and idempotency records go to Redis only (they fail closed: 503, never a duplicate).
 */
export class PersistenceStores {
  private constructor(
    readonly mode: PersistenceMode,
    /** Undefined in memory mode: ZenkiModule's in-process default. */
    readonly tokenCache?: FallbackAccessTokenCache,
    /** An InMemoryIdempotencyStore in memory mode (bounded: it refuses new keys when full). */
    readonly idempotencyStore?: IdempotencyStore,
    private readonly connection?: RedisConnection,
    private readonly target?: RedisTarget,
    private readonly commandTimeoutMs = 1000,
  ) {}

  /** The in-process stores of one instance; the idempotency store holds at most `maxIdempotencyRecords`. */
  static memory(maxIdempotencyRecords = DEFAULT_MAX_IDEMPOTENCY_RECORDS): PersistenceStores {
    return new PersistenceStores('memory', undefined, new InMemoryIdempotencyStore(undefined, maxIdempotencyRecords));
  }

  /**
   * Connects to Redis and waits at most `startupWaitMs` for it. If it does not answer by then, start-up goes on
   * in degraded mode (logged): tokens are cached per instance, idempotent creates answer 503, readiness says
   * Redis is down, and the client keeps reconnecting, so everything is shared again as soon as Redis answers.
   */
  static async connect(config: RedisConfig & { target: RedisTarget }, logger: Logger): Promise<PersistenceStores> {
    const where = describeTarget(config.target);
    let errorReported = false;
    const connection = createRedisConnection({
      ...(config.target.kind === 'server'
        ? { url: config.target.url }
        : { clusterNodes: config.target.nodes, username: config.target.username, password: config.target.password, tls: config.target.tls }),
      keyPrefix: config.keyPrefix,
      commandTimeoutMs: config.commandTimeoutMs,
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
    if (config.startupWaitMs > 0) {
      try {
        await waitForRedisReady(connection, config.startupWaitMs);
        logger.log(`Sharing access tokens and idempotency records through ${where} (key prefix "${config.keyPrefix}")`);
      } catch {
        logger.warn(
          `Redis (${where}) did not answer within ${config.startupWaitMs} ms: starting without it. Until it answers, access tokens are ` +
            'cached per instance, creating a customer token with an Idempotency-Key answers 503, and /health/ready reports Redis down.',
        );
      }
    }
    const tokenCache = new FallbackAccessTokenCache(new RedisAccessTokenCache(connection), {
      onDegraded: (error) =>
        logger.error(
          `Redis failed on the access-token path (${describeError(error)}): each instance now caches its own token until Redis answers again`,
        ),
      onRecovered: () => logger.warn('Redis answers again: access tokens are shared again'),
    });
    return new PersistenceStores('redis', tokenCache, new RedisIdempotencyStore(connection), connection, config.target, config.commandTimeoutMs);
  }

  /** What readiness reports; undefined in memory mode (nothing shared to check). Never throws. */
  async health(): Promise<StoreHealth | undefined> {
    if (!this.connection || !this.tokenCache || !this.target) return undefined;
    const ping = await redisHealth(this.connection, this.commandTimeoutMs);
    const health: StoreHealth = {
      status: ping.status,
      kind: this.target.kind === 'cluster' ? 'redis-cluster' : 'redis',
      tokenCache: this.tokenCache.isDegraded ? 'in-process fallback' : 'shared',
      idempotency: ping.status === 'up' ? 'available' : 'unavailable',
    };
    if (ping.latencyMs !== undefined) health.latencyMs = ping.latencyMs;
    if (ping.error) health.error = ping.error;
    return health;
  }

  /** Closes the Redis connection: a polite QUIT, bounded by the command timeout, then the socket goes. */
  async close(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        connection.quit(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, this.commandTimeoutMs);
          timer.unref();
        }),
      ]);
    } catch {
      // QUIT cannot be sent while Redis is unreachable; disconnecting below is enough.
    } finally {
      clearTimeout(timer);
      connection.disconnect();
    }
  }
}

/** The target as it may be logged: the URL without its password, or the Cluster's seed nodes. */
export function describeTarget(target: RedisTarget): string {
  return target.kind === 'server' ? redactRedisUrl(target.url.reveal()) : `Redis Cluster ${target.nodes.join(',')}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}
