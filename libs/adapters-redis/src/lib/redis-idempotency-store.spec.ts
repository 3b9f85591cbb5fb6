import { createHash } from 'node:crypto';
import { IssueCustomerToken } from '@paytokens/domain';
import { CountingGateway, customerTokenRequest } from '../testing/domain-doubles';
import { deleteKeysWithPrefix, describeWithRedis, redisTestUrl, uniqueTestPrefix } from '@paytokens/testing';
import { connectForTest } from '../testing/test-connection';
import type { RedisConnection } from './redis-connection';
import { RedisIdempotencyStore } from './redis-idempotency-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fingerprint = (text: string) => createHash('sha256').update(text).digest('hex');
const MINUTE = 60_000;

describeWithRedis('RedisIdempotencyStore (real Redis, two processes)', () => {
  const prefix = uniqueTestPrefix();
  let first: RedisConnection;
  let second: RedisConnection;
  let storeA: RedisIdempotencyStore;
  let storeB: RedisIdempotencyStore;
  const request = fingerprint('request-1');
  const otherRequest = fingerprint('request-2');

  beforeAll(async () => {
    first = await connectForTest(redisTestUrl, prefix);
    second = await connectForTest(redisTestUrl, prefix);
    storeA = new RedisIdempotencyStore(first);
    storeB = new RedisIdempotencyStore(second);
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(redisTestUrl, prefix);
    await Promise.all([first?.quit(), second?.quit()]);
  });

  it('claims on one process, reports in-progress on the other, then replays the completed result there', async () => {
    const result = { tokenId: 'ct_1', status: 'ACTIVE', nested: { amount: 100, tags: ['a', null, true] } };

    expect(await storeA.begin('flow', request, MINUTE)).toEqual({ outcome: 'started' });
    expect(await storeB.begin('flow', request, MINUTE)).toEqual({ outcome: 'in-progress' });

    await storeA.complete('flow', request, result, MINUTE);

    expect(await storeB.begin('flow', request, MINUTE)).toEqual({ outcome: 'replay', result });
    expect(await storeB.begin('flow', otherRequest, MINUTE)).toEqual({ outcome: 'mismatch' });
  });

  it('stores records as JSON under <prefix>idem:<key> with the given expiries', async () => {
    await storeA.begin('stored', request, MINUTE);
    expect(JSON.parse((await first.get('idem:stored'))!)).toEqual({ fingerprint: request, state: 'in-progress' });
    expect(await first.pttl('idem:stored')).toBeLessThanOrEqual(MINUTE);

    await storeA.complete('stored', request, 'done', 10 * MINUTE);
    expect(JSON.parse((await first.get('idem:stored'))!)).toEqual({ fingerprint: request, state: 'completed', result: 'done' });
    expect(await first.pttl('idem:stored')).toBeGreaterThan(MINUTE);
  });

  it('reports a mismatch for another fingerprint while the first is still in progress', async () => {
    await storeA.begin('busy', request, MINUTE);
    expect(await storeB.begin('busy', otherRequest, MINUTE)).toEqual({ outcome: 'mismatch' });
  });

  it('lets exactly one of many simultaneous claims from two processes start', async () => {
    const claims = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? storeA : storeB).begin('race', request, MINUTE)));
    expect(claims.filter((claim) => claim.outcome === 'started')).toHaveLength(1);
    expect(claims.filter((claim) => claim.outcome === 'in-progress')).toHaveLength(39);
  });

  it('lets an unfinished claim lapse after its TTL, so a crashed owner blocks no one', async () => {
    expect(await storeA.begin('lapse', request, 100)).toEqual({ outcome: 'started' });
    expect(await storeB.begin('lapse', request, MINUTE)).toEqual({ outcome: 'in-progress' });
    await sleep(200);
    expect(await storeB.begin('lapse', request, MINUTE)).toEqual({ outcome: 'started' });
  });

  it('release frees only an unfinished claim with the same fingerprint', async () => {
    await storeA.begin('release', request, MINUTE);

    await storeB.release('release', otherRequest);
    expect(await storeB.begin('release', request, MINUTE)).toEqual({ outcome: 'in-progress' });

    await storeB.release('release', request);
    expect(await storeB.begin('release', request, MINUTE)).toEqual({ outcome: 'started' });

    await storeB.complete('release', request, { ok: true }, MINUTE);
    await storeA.release('release', request);
    expect(await storeA.begin('release', request, MINUTE)).toEqual({ outcome: 'replay', result: { ok: true } });
  });

  it('releasing a key that holds nothing is harmless', async () => {
    await expect(storeA.release('never-claimed', request)).resolves.toBeUndefined();
    expect(await first.exists('idem:never-claimed')).toBe(0);
  });

  it('answers mismatch, never started, for a record it cannot read', async () => {
    await first.set('idem:corrupt', '{"not":"ours"', 'PX', MINUTE);
    expect(await storeA.begin('corrupt', request, MINUTE)).toEqual({ outcome: 'mismatch' });
    expect(await first.get('idem:corrupt')).toBe('{"not":"ours"');
  });

  it('lets IssueCustomerToken on two processes call the provider once for one idempotency key', async () => {
    const gateway = new CountingGateway();
    const onA = new IssueCustomerToken(gateway, storeA);
    const onB = new IssueCustomerToken(gateway, storeB);

    const created = await onA.execute(customerTokenRequest(), { idempotencyKey: 'order-42' });
    const retried = await onB.execute(customerTokenRequest(), { idempotencyKey: 'order-42' });

    expect(gateway.creates).toBe(1);
    expect(created.replayed).toBe(false);
    expect(retried.replayed).toBe(true);
    expect(retried.token.toProps()).toEqual(created.token.toProps());
    await expect(onB.execute(customerTokenRequest('another-authorization'), { idempotencyKey: 'order-42' })).rejects.toMatchObject({
      name: 'IdempotencyKeyReusedError',
    });
  });

  it('refuses TTLs that are not positive before touching Redis', async () => {
    await expect(storeA.begin('bad', request, 0)).rejects.toThrow(RangeError);
    await expect(storeA.complete('bad', request, 1, -5)).rejects.toThrow(RangeError);
    expect(await first.exists('idem:bad')).toBe(0);
  });
});
