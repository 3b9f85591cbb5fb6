import { registerAs } from '@nestjs/config';
import { EncryptionKeyRing, EncryptionKeyRingError } from '@paytokens/adapters-redis';
import type { Secret } from '@paytokens/domain';
import { readValidated, type EnvironmentReader } from './environment';

/** Name of the `redis` config namespace. */
export const REDIS_NAMESPACE = 'redis';

/** Where Redis is: one server (REDIS_URL) or a Cluster (REDIS_CLUSTER_NODES). */
export type RedisTarget =
  { kind: 'server'; url: Secret } | { kind: 'cluster'; nodes: string[]; username?: string; password?: Secret; tls: boolean };

/**
 * The `redis` namespace. Without a target the API keeps access tokens and idempotency records in process
 * memory (one instance); with one, every instance shares them through Redis.
 */
export interface RedisConfig {
  target?: RedisTarget;
  /** Put before every key, so one Redis can serve several deployments. */
  keyPrefix: string;
  /** A Redis command without an answer after this long fails. */
  commandTimeoutMs: number;
  /** How long start-up waits for the first connection before it goes on without Redis (degraded). */
  startupWaitMs: number;
  /** REDIS_ENCRYPTION_KEYS: the ring every value written to Redis is encrypted with; unset, values are written in clear. */
  encryptionKeys?: EncryptionKeyRing;
}

/** The variable holding the key ring (`id:base64,…`). */
export const REDIS_ENCRYPTION_KEYS = 'REDIS_ENCRYPTION_KEYS';

const HOST_PORT = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** Reads the `redis` namespace; problems are collected on the reader and never quote a URL or password. */
export function readRedisConfig(env: EnvironmentReader): RedisConfig {
  const config: RedisConfig = {
    keyPrefix: env.string('REDIS_KEY_PREFIX') ?? 'paytokens:',
    commandTimeoutMs: env.integer('REDIS_COMMAND_TIMEOUT_MS', 1000, 1, 60_000),
    startupWaitMs: env.integer('REDIS_STARTUP_WAIT_MS', 5000, 0, 120_000),
  };
  const url = env.secret('REDIS_URL');
  const nodes = env.string('REDIS_CLUSTER_NODES');
  if (url && nodes) {
    env.problems.push('Set REDIS_URL (one Redis server) or REDIS_CLUSTER_NODES (a Redis Cluster), not both');
    return config;
  }
  if (url) {
    if (!isRedisUrl(url.reveal()))
      env.problems.push('REDIS_URL must be a redis:// or rediss:// URL such as redis://:password@redis.internal:6379/0');
    else config.target = { kind: 'server', url };
  } else if (nodes) {
    const list = nodes
      .split(',')
      .map((node) => node.trim())
      .filter(Boolean);
    const bad = list.filter((node) => !validHostPort(node));
    if (list.length === 0 || bad.length > 0) {
      env.problems.push(
        `REDIS_CLUSTER_NODES must be comma-separated host:port pairs such as 10.0.0.1:6379,10.0.0.2:6379${bad.length ? ` (not host:port: ${bad.map((b) => JSON.stringify(b.slice(0, 60))).join(', ')})` : ''}`,
      );
    } else {
      config.target = {
        kind: 'cluster',
        nodes: list,
        username: env.string('REDIS_USERNAME'),
        password: env.secret('REDIS_PASSWORD'),
        tls: env.boolean('REDIS_TLS', false),
      };
    }
  }
  readEncryptionKeys(env, config);
  if (config.target?.kind !== 'cluster') {
    for (const name of ['REDIS_USERNAME', 'REDIS_PASSWORD', 'REDIS_TLS']) {
      if (env.string(name) !== undefined)
        env.problems.push(`${name} applies to REDIS_CLUSTER_NODES only; with REDIS_URL put credentials in the URL (rediss:// for TLS)`);
    }
  }
  return config;
}

/** REDIS_ENCRYPTION_KEYS, parsed (whether production needs it is checked with the accounts' own keys, in loadConfiguration). */
function readEncryptionKeys(env: EnvironmentReader, config: RedisConfig): void {
  const ring = readEncryptionKeyRing(env, REDIS_ENCRYPTION_KEYS);
  if (ring) config.encryptionKeys = ring;
}

/**
 * A key ring variable (`id:base64,…`: REDIS_ENCRYPTION_KEYS or an account's `…_REDIS_ENCRYPTION_KEYS`), parsed;
 * undefined when unset or malformed. Problems name the variable and the entry, never key material.
 */
export function readEncryptionKeyRing(env: EnvironmentReader, variable: string): EncryptionKeyRing | undefined {
  const keys = env.secret(variable);
  if (!keys) return undefined;
  try {
    return EncryptionKeyRing.parse(keys);
  } catch (error) {
    if (!(error instanceof EncryptionKeyRingError)) throw error;
    env.problems.push(...error.problems.map((problem) => `${variable}: ${problem}`));
    return undefined;
  }
}

function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function validHostPort(node: string): boolean {
  const match = HOST_PORT.exec(node);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 65535;
}

/** The `redis` namespace. Its KEY injects the RedisConfig AppModule was given; on its own it reads process.env. */
export const redisConfig = registerAs(REDIS_NAMESPACE, (): RedisConfig => readValidated(process.env, readRedisConfig));
