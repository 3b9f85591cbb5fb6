import { Secret } from '@paytokens/domain';
import type { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis';

/** A single Redis server or a Redis Cluster: both adapters work with either. */
export type RedisConnection = Redis | Cluster;

/** How to reach Redis; see {@link createRedisConnection}. */
export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://...` for TLS. Ignored when `clusterNodes` is given. */
  url?: string | Secret;
  /** `host:port` seed nodes of a Redis Cluster; when given, a Cluster client is made instead of a single-server one. */
  clusterNodes?: string[];
  /** Prepended by the client to every key (default `paytokens:`), so one Redis can serve several apps. */
  keyPrefix?: string;
  /** A command that has no answer after this long fails (default 1000 ms). */
  commandTimeoutMs?: number;
  /** A connection attempt that has not succeeded after this long is abandoned and retried (default 3000 ms). */
  connectTimeoutMs?: number;
  /** ACL user for Cluster nodes (with `url`, put it in the URL). */
  username?: string;
  /** Password for Cluster nodes (with `url`, put it in the URL). */
  password?: string | Secret;
  /** Use TLS to the Cluster nodes (with `url`, use `rediss://`). */
  tls?: boolean;
  /** Told about connection errors; without it ioredis prints them. They never contain the password. */
  onError?: (error: Error) => void;
}

// Loaded on the first connection, not with this package: an app that keeps its stores in memory (and only reads
// EncryptionKeyRing or the types from here) never loads ioredis's 55 modules at start-up.
const loadIoredis = (): typeof import('ioredis') => require('ioredis');

const DEFAULT_KEY_PREFIX = 'paytokens:';
const DEFAULT_COMMAND_TIMEOUT_MS = 1000;
const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
// Reconnect forever, backing off to at most 2 s between attempts, so recovery is noticed quickly.
const reconnectDelay = (attempt: number): number => Math.min(attempt * 100, 2000);

/**
 * A client that fails fast: while Redis is unreachable every command is rejected at once (no offline
 * queue) and one that gets no answer fails after `commandTimeoutMs`, so callers never hang on Redis.
 * Commands that were lost in a broken connection are not replayed later: the caller was already told
 * they failed, and replaying them could claim an idempotency key behind its back.
 */
export function createRedisConnection(options: RedisConnectionOptions = {}): RedisConnection {
  const failFast: RedisOptions = {
    keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
    commandTimeout: positive(options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS, 'commandTimeoutMs'),
    connectTimeout: positive(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, 'connectTimeoutMs'),
    maxRetriesPerRequest: 1,
    autoResendUnfulfilledCommands: false,
    enableOfflineQueue: false,
  };
  // A socket that does not close after disconnect() is destroyed this soon (ioredis waits 2 s by default).
  failFast.disconnectTimeout = failFast.commandTimeout;

  const { Cluster, Redis } = loadIoredis();
  let connection: RedisConnection;
  if (options.clusterNodes && options.clusterNodes.length > 0) {
    const clusterOptions: ClusterOptions = {
      keyPrefix: failFast.keyPrefix,
      enableOfflineQueue: false,
      clusterRetryStrategy: reconnectDelay,
      slotsRefreshTimeout: failFast.connectTimeout,
      redisOptions: {
        commandTimeout: failFast.commandTimeout,
        connectTimeout: failFast.connectTimeout,
        maxRetriesPerRequest: failFast.maxRetriesPerRequest,
        autoResendUnfulfilledCommands: false,
        disconnectTimeout: failFast.disconnectTimeout,
        username: options.username,
        password: options.password === undefined ? undefined : Secret.of(options.password).reveal(),
        tls: options.tls ? {} : undefined,
      },
    };
    connection = new Cluster(options.clusterNodes.map(parseNode), clusterOptions);
  } else {
    const redisOptions: RedisOptions = { ...failFast, retryStrategy: reconnectDelay };
    connection = options.url === undefined ? new Redis(redisOptions) : new Redis(Secret.of(options.url).reveal(), redisOptions);
  }
  if (options.onError) connection.on('error', options.onError);
  return connection;
}

/**
 * Resolves once the client can send commands, or rejects after `timeoutMs`. A fail-fast client rejects
 * commands while it is still connecting, so an app waits for this before it starts taking requests.
 */
export async function waitForRedisReady(connection: RedisConnection, timeoutMs = 5000): Promise<void> {
  if (connection.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.off('ready', onReady);
      reject(new Error(`Redis was not ready within ${timeoutMs} ms (status: ${connection.status})`));
    }, timeoutMs);
    timer.unref();
    const onReady = (): void => {
      clearTimeout(timer);
      resolve();
    };
    connection.once('ready', onReady);
  });
}

function parseNode(node: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(node.trim());
  if (!match) throw new RangeError(`Redis Cluster node "${node}" is not host:port`);
  return { host: match[1], port: Number(match[2]) };
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds`);
  return value;
}
