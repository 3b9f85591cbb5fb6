import { registerAs } from '@nestjs/config';
import { readValidated, type EnvironmentReader } from './environment';

/** Name of the `limits` config namespace. */
export const LIMITS_NAMESPACE = 'limits';

/** The `limits` namespace: what bounds clients, probes, shutdown and the in-memory idempotency store. */
export interface LimitsConfig {
  /** JSON bodies nesting deeper are refused (400) before they are parsed. */
  jsonMaxDepth: number;
  /** JSON bodies with more object keys in all are refused (400) before they are parsed. */
  jsonMaxKeys: number;
  /** A client must send its headers within this long (Node's headersTimeout). */
  headersTimeoutMs: number;
  /** A client must send its whole request (headers and body) within this long (Node's requestTimeout). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Open connections at most, in all; more are closed at once. */
  maxConnections: number;
  /** Open connections at most from one client address; more are closed at once. */
  maxConnectionsPerAddress: number;
  /** How long `/health/ready` answers from its last check. */
  readinessCacheMs: number;
  /** After SIGTERM/SIGINT: how long readiness answers 503 while new requests are still taken (so a load balancer notices). */
  shutdownGraceMs: number;
  /** After SIGTERM/SIGINT: the whole shutdown's limit; past it the process exits, logging what was cut. */
  shutdownTimeoutMs: number;
  /** Idempotency records the in-memory store holds at most (without Redis); new keys are refused (503) past it. */
  idempotencyMemoryMaxRecords: number;
}

/** Reads the `limits` namespace; problems are collected on the reader. */
export function readLimitsConfig(env: EnvironmentReader): LimitsConfig {
  const limits: LimitsConfig = {
    jsonMaxDepth: env.integer('JSON_MAX_DEPTH', 32, 2, 1000),
    jsonMaxKeys: env.integer('JSON_MAX_KEYS', 1000, 10, 1_000_000),
    headersTimeoutMs: env.integer('HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
    requestTimeoutMs: env.integer('REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    keepAliveTimeoutMs: env.integer('KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
    maxConnections: env.integer('MAX_CONNECTIONS', 10_000, 1, 1_000_000),
    maxConnectionsPerAddress: env.integer('MAX_CONNECTIONS_PER_ADDRESS', 1_000, 1, 1_000_000),
    readinessCacheMs: env.integer('READINESS_CACHE_MS', 2_000, 0, 600_000),
    shutdownGraceMs: env.integer('SHUTDOWN_GRACE_MS', 5_000, 0, 600_000),
    shutdownTimeoutMs: env.integer('SHUTDOWN_TIMEOUT_MS', 30_000, 1_000, 3_600_000),
    idempotencyMemoryMaxRecords: env.integer('IDEMPOTENCY_MEMORY_MAX_RECORDS', 100_000, 1, 100_000_000),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) env.problems.push('HEADERS_TIMEOUT_MS must not be larger than REQUEST_TIMEOUT_MS');
  return limits;
}

/** The `limits` namespace. Its KEY injects the LimitsConfig AppModule was given; on its own it reads process.env. */
export const limitsConfig = registerAs(LIMITS_NAMESPACE, (): LimitsConfig => readValidated(process.env, readLimitsConfig));
