// Test helpers shared by every project of the workspace. Private: never built, packed or published.

/** A loopback port nothing listens on right now. */
export { freePort } from './lib/free-port';
/** A loopback HTTP server that records requests and answers, resets or stalls as the test says. */
export {
  ScriptedServer,
  JSON_HEADERS,
  type RecordedRequest,
  type Script,
  type ScriptFunction,
  type ScriptedServerOptions,
} from './lib/scripted-server';
/** Raw HTTP requests (any header, any body) with JSON answers parsed. */
export { RawHttp, type RawAnswer } from './lib/raw-http';
/** A TCP server that never answers: a hung Redis. */
export { startSilentServer, type SilentServer } from './lib/silent-server';
/** A redis-server of the test's own (to kill, freeze, or start late) and whether one can run here. */
export { PrivateRedisServer, redisServerAvailable } from './lib/private-redis-server';
/** Three private cluster-enabled redis-servers formed into a cluster. */
export { PrivateRedisCluster } from './lib/private-redis-cluster';
/** The shared test Redis: suites that need it, a key prefix per run, a plain client, clean-up. */
export {
  connectAdmin,
  deleteKeysWithPrefix,
  describeWithRedis,
  describeWithRedisServer,
  redisTestUrl,
  uniqueTestPrefix,
} from './lib/redis-test-env';
/** SCANs a prefix and GETs every value, reporting any known plaintext (or its base64/hex) found readable. */
export { scanForReadablePlaintexts, type RedisScanResult } from './lib/readable-secrets-scan';
/** One valid Klarna recurring-flow session and charge, as the API's camelCase JSON. */
export { SAMPLE_ORDER_LINE, sampleChargeFields, sampleSessionFields } from './lib/klarna-flow-samples';
/** Whether V8 gave objects one hidden class: per-call objects must not each get their own (old-generation garbage). */
export { hiddenClassesOtherThanFirst, sameHiddenClass } from './lib/hidden-class';
