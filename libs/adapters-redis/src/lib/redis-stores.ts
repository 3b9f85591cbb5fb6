import type { IdempotencyStore } from '@paytokens/domain';
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
}

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
  ) {}

  /**
   * Connects and waits at most `startupWaitMs` for Redis. If it does not answer by then, start-up goes on
   * degraded (logged): tokens are cached per instance, idempotency records cannot be stored, health says
   * Redis is down, and everything is shared again as soon as Redis answers.
   */
  static async connect(options: RedisStoresOptions): Promise<RedisStores> {
    const { startupWaitMs = DEFAULT_STARTUP_WAIT_MS, retryPrimaryAfterMs, logger = SILENT, ...connectionOptions } = options;
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
    const tokenCache = new FallbackAccessTokenCache(new RedisAccessTokenCache(connection), {
      retryPrimaryAfterMs,
      onDegraded: (error) =>
        logger.error(`Redis failed on the access-token path (${describeError(error)}): each instance now caches its own token until Redis answers again`),
      onRecovered: () => logger.warn('Redis answers again: access tokens are shared again'),
    });
    const commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    // Every store operation in an OpenTelemetry span (a no-op without an SDK).
    traceStoreMethods(tokenCache, 'AccessTokenCache', ['get', 'set', 'delete', 'tryLock']);
    const idempotencyStore = traceStoreMethods(new RedisIdempotencyStore(connection), 'IdempotencyStore', ['begin', 'complete', 'release']);
    return new RedisStores(connection, tokenCache, idempotencyStore, where, commandTimeoutMs);
  }

  /** PINGs Redis (bounded by the command timeout) and says what works; never throws. */
  async health(): Promise<RedisStoresHealth> {
    const ping = await redisHealth(this.connection, this.commandTimeoutMs);
    const health: RedisStoresHealth = {
      status: ping.status,
      kind: this.connection.isCluster ? 'redis-cluster' : 'redis',
      tokenCache: this.tokenCache.isDegraded ? 'in-process fallback' : 'shared',
      idempotency: ping.status === 'up' ? 'available' : 'unavailable',
    };
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
