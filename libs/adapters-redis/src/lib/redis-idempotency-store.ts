import type { IdempotencyBegin, IdempotencyStore, JsonValue } from '@paytokens/domain';
import { DELETE_IF_EQUALS, SET_IF_ABSENT_OR_GET } from './lua-script';
import { redisCall } from './redis-command.error';
import type { RedisConnection } from './redis-connection';

/** Options of {@link RedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions {
  /** Put before `idem:<key>`, after the connection's own key prefix (default none). */
  prefix?: string;
}

/** The stored form of one keyed operation. */
type IdempotencyRecord =
  | { fingerprint: string; state: 'in-progress'; claim?: string }
  | { fingerprint: string; state: 'completed'; result: JsonValue };

/**
 * The {@link IdempotencyStore} shared by every API instance through Redis. It fails closed: when Redis
 * cannot answer, every method rejects (quickly, with a fail-fast connection) instead of guessing, and the
 * domain answers "store unavailable, retry later" rather than risk performing an operation twice.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly prefix: string;

  constructor(
    private readonly connection: RedisConnection,
    options: RedisIdempotencyStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
  }

  async begin<T extends JsonValue>(key: string, fingerprint: string, inProgressTtlMs: number, claimId?: string): Promise<IdempotencyBegin<T>> {
    const claim = inProgressRecord(fingerprint, claimId);
    const px = wholeMs(inProgressTtlMs, 'inProgressTtlMs');
    const existing = await redisCall('idempotency-store.begin', () => SET_IF_ABSENT_OR_GET.run(this.connection, this.recordKey(key), claim, px));
    if (existing === null) return { outcome: 'started' };
    const record = parseRecord(existing);
    // Something we cannot read is treated as another request's record: refusing is safe, running again is not.
    if (!record || record.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    return record.state === 'completed' ? { outcome: 'replay', result: record.result as T } : { outcome: 'in-progress' };
  }

  async complete(key: string, fingerprint: string, result: JsonValue, ttlMs: number): Promise<void> {
    const record: IdempotencyRecord = { fingerprint, state: 'completed', result };
    const px = wholeMs(ttlMs, 'ttlMs');
    await redisCall('idempotency-store.complete', () => this.connection.set(this.recordKey(key), JSON.stringify(record), 'PX', px));
  }

  async release(key: string, fingerprint: string, claimId?: string): Promise<void> {
    // The in-progress record is a fixed string, so "this attempt's and unfinished" is an exact compare-and-delete.
    // Sent on the same connection right behind a timed-out begin, it runs after it: a late claim is taken back.
    // Inline EVAL: after a stall an EVALSHA could come back NOSCRIPT when nobody waits to send the EVAL any more.
    await redisCall('idempotency-store.release', () => DELETE_IF_EQUALS.runInline(this.connection, this.recordKey(key), inProgressRecord(fingerprint, claimId)));
  }

  private recordKey(key: string): string {
    return `${this.prefix}idem:${key}`;
  }
}

function inProgressRecord(fingerprint: string, claim?: string): string {
  const record: IdempotencyRecord = claim === undefined ? { fingerprint, state: 'in-progress' } : { fingerprint, state: 'in-progress', claim };
  return JSON.stringify(record);
}

function parseRecord(stored: unknown): IdempotencyRecord | undefined {
  if (typeof stored !== 'string') return undefined;
  try {
    const record = JSON.parse(stored) as Partial<IdempotencyRecord> | null;
    if (!record || typeof record.fingerprint !== 'string') return undefined;
    if (record.state === 'in-progress') return { fingerprint: record.fingerprint, state: 'in-progress' };
    if (record.state === 'completed' && 'result' in record && record.result !== undefined) {
      return { fingerprint: record.fingerprint, state: 'completed', result: record.result };
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function wholeMs(ms: number, name: string): number {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`${name} must be a positive number of milliseconds`);
  return Math.ceil(ms);
}
