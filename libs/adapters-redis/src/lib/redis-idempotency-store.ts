import type { IdempotencyBegin, IdempotencyStore, JsonValue } from '@paytokens/domain';
import { UnreadableValueError } from './encryption/aes-gcm-envelope';
import { ClearValueCodec, storedKeyName, type RedisValueCodec } from './encryption/redis-value-codec';
import { DELETE_IF_EQUALS, SET_IF_ABSENT_OR_GET } from './lua-script';
import { redisCall } from './redis-command.error';
import type { RedisConnection } from './redis-connection';

/** Options of {@link RedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions {
  /** Put before `idem:<key>`, after the connection's own key prefix (default none). */
  prefix?: string;
  /** How records are stored: encrypted (RedisStores gives one when keys are configured) or in clear (the default). */
  codec?: RedisValueCodec;
}

/** The stored form of one keyed operation. */
type IdempotencyRecord =
  { fingerprint: string; state: 'in-progress'; claim?: string } | { fingerprint: string; state: 'completed'; result: JsonValue };

/**
 * The {@link IdempotencyStore} shared by every API instance through Redis. It fails closed: when Redis
 * cannot answer, every method rejects (quickly, with a fail-fast connection) instead of guessing, and the
 * domain answers "store unavailable, retry later" rather than risk performing an operation twice. A record
 * that does not decode (another key, tampered) rejects too: neither a replay nor a new run could be right.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly prefix: string;
  private readonly codec: RedisValueCodec;
  /** The stored form of each claim this store sent and may still have to take back (encrypted forms are random). */
  private readonly sentClaims = new Map<string, { stored: string; timer: NodeJS.Timeout }>();

  constructor(
    private readonly connection: RedisConnection,
    options: RedisIdempotencyStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    this.codec = options.codec ?? new ClearValueCodec();
  }

  async begin<T extends JsonValue>(
    key: string,
    fingerprint: string,
    inProgressTtlMs: number,
    claimId?: string,
  ): Promise<IdempotencyBegin<T>> {
    const recordKey = this.recordKey(key);
    const px = wholeMs(inProgressTtlMs, 'inProgressTtlMs');
    const claim = this.codec.encode(this.nameOf(recordKey), inProgressRecord(fingerprint, claimId));
    const sent = this.rememberClaim(recordKey, fingerprint, claimId, claim, px);
    const existing = await redisCall('idempotency-store.begin', () => SET_IF_ABSENT_OR_GET.run(this.connection, recordKey, claim, px));
    if (existing === null) return { outcome: 'started' };
    // Our claim was not written: there is nothing of ours to take back.
    this.forgetClaim(sent);
    const record = this.readRecord(recordKey, existing, true);
    // Something we cannot parse is treated as another request's record: refusing is safe, running again is not.
    if (!record || record.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    return record.state === 'completed' ? { outcome: 'replay', result: record.result as T } : { outcome: 'in-progress' };
  }

  async complete(key: string, fingerprint: string, result: JsonValue, ttlMs: number): Promise<void> {
    const recordKey = this.recordKey(key);
    const record: IdempotencyRecord = { fingerprint, state: 'completed', result };
    const px = wholeMs(ttlMs, 'ttlMs');
    const value = this.codec.encode(this.nameOf(recordKey), JSON.stringify(record));
    await redisCall('idempotency-store.complete', () => this.connection.set(recordKey, value, 'PX', px));
    for (const [id, entry] of this.sentClaims) if (id.startsWith(`${recordKey}\n${fingerprint}\n`)) this.forgetClaim(id, entry);
  }

  async release(key: string, fingerprint: string, claimId?: string): Promise<void> {
    const recordKey = this.recordKey(key);
    const id = claimEntryId(recordKey, fingerprint, claimId);
    const sent = this.sentClaims.get(id);
    if (sent) {
      this.forgetClaim(id, sent);
      // "This attempt's and unfinished" is an exact compare-and-delete of the claim as it was sent. Sent on the same
      // connection right behind a timed-out begin, it runs after it: a late claim is taken back. Inline EVAL: after
      // a stall an EVALSHA could come back NOSCRIPT when nobody waits to send the EVAL any more.
      await redisCall('idempotency-store.release', () => DELETE_IF_EQUALS.runInline(this.connection, recordKey, sent.stored));
      return;
    }
    // A claim this store did not send (another instance's store object): read it, and delete it only as it was read.
    const stored = await redisCall('idempotency-store.release', () => this.connection.get(recordKey));
    if (stored === null) return;
    let record: IdempotencyRecord | undefined;
    try {
      record = this.readRecord(recordKey, stored, false);
    } catch {
      return; // Unreadable: not a claim of ours, and begin already reported it.
    }
    if (record?.state !== 'in-progress' || record.fingerprint !== fingerprint || record.claim !== claimId) return;
    await redisCall('idempotency-store.release', () => DELETE_IF_EQUALS.runInline(this.connection, recordKey, stored));
  }

  /** The record in a stored value; rejects when it does not decode, undefined when it decodes to something else. */
  private readRecord(recordKey: string, stored: unknown, report: boolean): IdempotencyRecord | undefined {
    if (typeof stored !== 'string') return undefined;
    let plaintext: string;
    try {
      plaintext = this.codec.decode(this.nameOf(recordKey), stored);
    } catch (error) {
      const unreadable = error instanceof UnreadableValueError ? error : new UnreadableValueError('malformed');
      if (report) this.codec.reportUnreadable('idempotency-record', unreadable);
      throw unreadable;
    }
    return parseRecord(plaintext);
  }

  /** Keeps a claim's stored form until it is completed, released, or would have lapsed in Redis anyway. */
  private rememberClaim(recordKey: string, fingerprint: string, claimId: string | undefined, stored: string, ttlMs: number): string {
    const id = claimEntryId(recordKey, fingerprint, claimId);
    this.forgetClaim(id);
    const timer = setTimeout(() => this.sentClaims.delete(id), ttlMs);
    timer.unref();
    this.sentClaims.set(id, { stored, timer });
    return id;
  }

  private forgetClaim(id: string, entry = this.sentClaims.get(id)): void {
    if (!entry) return;
    clearTimeout(entry.timer);
    this.sentClaims.delete(id);
  }

  private nameOf(key: string): string {
    return storedKeyName(this.connection.options.keyPrefix, key);
  }

  private recordKey(key: string): string {
    return `${this.prefix}idem:${key}`;
  }
}

function claimEntryId(recordKey: string, fingerprint: string, claimId?: string): string {
  return `${recordKey}\n${fingerprint}\n${claimId ?? ''}`;
}

function inProgressRecord(fingerprint: string, claim?: string): string {
  const record: IdempotencyRecord =
    claim === undefined ? { fingerprint, state: 'in-progress' } : { fingerprint, state: 'in-progress', claim };
  return JSON.stringify(record);
}

function parseRecord(plaintext: string): IdempotencyRecord | undefined {
  try {
    const record = JSON.parse(plaintext) as Partial<IdempotencyRecord> | null;
    if (!record || typeof record.fingerprint !== 'string') return undefined;
    if (record.state === 'in-progress') {
      const claim = (record as { claim?: unknown }).claim;
      return typeof claim === 'string'
        ? { fingerprint: record.fingerprint, state: 'in-progress', claim }
        : { fingerprint: record.fingerprint, state: 'in-progress' };
    }
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
