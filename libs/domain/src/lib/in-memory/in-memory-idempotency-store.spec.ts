import { ManualClock } from '../clock/manual-clock';
import { IdempotencyStoreFullError, InMemoryIdempotencyStore } from './in-memory-idempotency-store';

const IN_PROGRESS_TTL = 120_000;
const RECORD_TTL = 86_400_000;

describe('InMemoryIdempotencyStore', () => {
  let clock: ManualClock;
  let store: InMemoryIdempotencyStore;

  beforeEach(() => {
    clock = new ManualClock();
    store = new InMemoryIdempotencyStore(clock);
  });

  it('starts a new key, then reports it in progress to the same request and mismatched to another', async () => {
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL)).toEqual({ outcome: 'started' });
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL)).toEqual({ outcome: 'in-progress' });
    expect(await store.begin('k', 'fp-2', IN_PROGRESS_TTL)).toEqual({ outcome: 'mismatch' });
  });

  it('keeps keys apart that differ in any code unit: case, a lone surrogate (which UTF-8 would write as U+FFFD), a pair', async () => {
    const keys = [
      'k',
      'k😀',
      '\uffd8\uff00k',
      'K',
      'k\ud800',
      'k\ud801',
      'k\ufffd',
      'k\u0000',
      'k\u00ff',
      'k\uff00',
      `token-order:klarna:default:${'a'.repeat(64)}`,
    ];
    for (const key of keys) expect(await store.begin(key, 'fp', IN_PROGRESS_TTL)).toEqual({ outcome: 'started' });
    for (const [i, key] of keys.entries()) await store.complete(key, 'fp', { i }, RECORD_TTL);
    for (const [i, key] of keys.entries())
      expect(await store.begin(key, 'fp', IN_PROGRESS_TTL)).toEqual({ outcome: 'replay', result: { i } });
    expect(store.size).toBe(keys.length);
  });

  it('replays a completed result to the same request and refuses another', async () => {
    await store.begin('k', 'fp-1', IN_PROGRESS_TTL);
    await store.complete('k', 'fp-1', { tokenId: 't-1', status: 'ACTIVE' }, RECORD_TTL);
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL)).toEqual({ outcome: 'replay', result: { tokenId: 't-1', status: 'ACTIVE' } });
    expect(await store.begin('k', 'fp-2', IN_PROGRESS_TTL)).toEqual({ outcome: 'mismatch' });
  });

  it('lets an unfinished claim lapse after its TTL', async () => {
    await store.begin('k', 'fp-1', IN_PROGRESS_TTL);
    clock.advance(IN_PROGRESS_TTL - 1);
    expect(await store.begin('k', 'fp-2', IN_PROGRESS_TTL)).toEqual({ outcome: 'mismatch' });
    clock.advance(1);
    expect(await store.begin('k', 'fp-2', IN_PROGRESS_TTL)).toEqual({ outcome: 'started' });
    expect(await store.begin('k', 'fp-2', IN_PROGRESS_TTL)).toEqual({ outcome: 'in-progress' });
  });

  it('expires a completed record after its TTL', async () => {
    await store.begin('k', 'fp-1', IN_PROGRESS_TTL);
    await store.complete('k', 'fp-1', 'result', RECORD_TTL);
    clock.advance(RECORD_TTL - 1);
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL)).toEqual({ outcome: 'replay', result: 'result' });
    clock.advance(1);
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL)).toEqual({ outcome: 'started' });
  });

  it('release frees an unfinished claim with the same fingerprint', async () => {
    await store.begin('k', 'fp-1', IN_PROGRESS_TTL);
    await store.release('k', 'fp-1');
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL)).toEqual({ outcome: 'started' });
  });

  it('release leaves a claim with another fingerprint alone', async () => {
    await store.begin('k', 'fp-1', IN_PROGRESS_TTL);
    await store.release('k', 'fp-2');
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL)).toEqual({ outcome: 'in-progress' });
  });

  it('release leaves a completed record alone', async () => {
    await store.begin('k', 'fp-1', IN_PROGRESS_TTL);
    await store.complete('k', 'fp-1', 'result', RECORD_TTL);
    await store.release('k', 'fp-1');
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL)).toEqual({ outcome: 'replay', result: 'result' });
    await expect(store.release('missing', 'fp-1')).resolves.toBeUndefined();
  });

  it('when full of unexpired records refuses new keys instead of evicting one (an evicted retry would reach the provider)', async () => {
    const bounded = new InMemoryIdempotencyStore(clock, 3);
    for (const key of ['k1', 'k2', 'k3']) await bounded.begin(key, 'fp', IN_PROGRESS_TTL);
    await bounded.complete('k1', 'fp', 'answer', RECORD_TTL);
    await expect(bounded.begin('k4', 'fp', IN_PROGRESS_TTL)).rejects.toBeInstanceOf(IdempotencyStoreFullError);
    expect(bounded.refusedCount).toBe(1);
    expect(bounded.size).toBe(3);
    // Every promise is kept: the finished key still replays, the claimed ones are still in progress.
    expect(await bounded.begin('k1', 'fp', IN_PROGRESS_TTL)).toEqual({ outcome: 'replay', result: 'answer' });
    expect(await bounded.begin('k3', 'fp', IN_PROGRESS_TTL)).toEqual({ outcome: 'in-progress' });
    // Once a record expires (and the once-a-second sweep runs again) its slot is reused.
    clock.advance(IN_PROGRESS_TTL + 1);
    expect(await bounded.begin('k4', 'fp', IN_PROGRESS_TTL)).toEqual({ outcome: 'started' });
  });

  it('releases only the attempt that holds the claim when a claim id is given', async () => {
    await store.begin('k', 'fp-1', IN_PROGRESS_TTL, 'attempt-2');
    await store.release('k', 'fp-1', 'attempt-1');
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL, 'attempt-3')).toEqual({ outcome: 'in-progress' });
    await store.release('k', 'fp-1', 'attempt-2');
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL, 'attempt-3')).toEqual({ outcome: 'started' });
  });

  it('sweeps expired records before dropping live ones', async () => {
    const bounded = new InMemoryIdempotencyStore(clock, 3);
    await bounded.begin('short', 'fp', 1_000);
    await bounded.begin('k2', 'fp', IN_PROGRESS_TTL);
    await bounded.begin('k3', 'fp', IN_PROGRESS_TTL);
    clock.advance(1_000);
    await bounded.begin('k4', 'fp', IN_PROGRESS_TTL);
    expect(bounded.size).toBe(3);
    expect(await bounded.begin('k2', 'fp', IN_PROGRESS_TTL)).toEqual({ outcome: 'in-progress' });
  });

  it('replays a copy of the stored result, equal to it (held as JSON outside the heap, like a Redis record)', async () => {
    const order = { orderId: 'o-1', fraudStatus: 'ACCEPTED', authorizedPaymentMethod: { type: 'invoice', numberOfDays: 14 }, note: 'é ✓' };
    await store.begin('k', 'fp-1', IN_PROGRESS_TTL);
    await store.complete('k', 'fp-1', order, RECORD_TTL);
    const stored = structuredClone(order);
    const first = await store.begin<typeof order>('k', 'fp-1', IN_PROGRESS_TTL);
    expect(first).toEqual({ outcome: 'replay', result: order });
    if (first.outcome === 'replay') first.result.orderId = 'changed by a caller';
    order.fraudStatus = 'changed by the caller that stored it';
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL)).toEqual({ outcome: 'replay', result: stored });
  });

  it('keeps a result too large for the arena or an odd fingerprint, and a new answer for a key whose record expired', async () => {
    const large = { text: 'x'.repeat(100_000) };
    await store.begin('big', 'fp', IN_PROGRESS_TTL);
    await store.complete('big', 'fp', large, RECORD_TTL);
    expect(await store.begin('big', 'fp', IN_PROGRESS_TTL)).toEqual({ outcome: 'replay', result: large });
    await store.begin('odd', 'fp-\ud800', IN_PROGRESS_TTL);
    await store.complete('odd', 'fp-\ud800', 'kept', RECORD_TTL);
    expect(await store.begin('odd', 'fp-\ud800', IN_PROGRESS_TTL)).toEqual({ outcome: 'replay', result: 'kept' });
    await store.begin('k', 'fp-1', IN_PROGRESS_TTL);
    await store.complete('k', 'fp-1', 'first', RECORD_TTL);
    clock.advance(RECORD_TTL);
    expect(await store.begin('k', 'fp-2', IN_PROGRESS_TTL)).toEqual({ outcome: 'started' });
    await store.complete('k', 'fp-2', 'second', RECORD_TTL);
    expect(await store.begin('k', 'fp-2', IN_PROGRESS_TTL)).toEqual({ outcome: 'replay', result: 'second' });
    expect(await store.begin('k', 'fp-1', IN_PROGRESS_TTL)).toEqual({ outcome: 'mismatch' });
    expect(store.size).toBe(3);
  });

  it('sweeps expired completed records to make room when full', async () => {
    const bounded = new InMemoryIdempotencyStore(clock, 2);
    for (const key of ['k1', 'k2']) {
      await bounded.begin(key, 'fp', IN_PROGRESS_TTL);
      await bounded.complete(key, 'fp', { key }, RECORD_TTL);
    }
    await expect(bounded.begin('k3', 'fp', IN_PROGRESS_TTL)).rejects.toBeInstanceOf(IdempotencyStoreFullError);
    clock.advance(RECORD_TTL);
    expect(await bounded.begin('k3', 'fp', IN_PROGRESS_TTL)).toEqual({ outcome: 'started' });
    expect(bounded.size).toBe(1);
  });
});
