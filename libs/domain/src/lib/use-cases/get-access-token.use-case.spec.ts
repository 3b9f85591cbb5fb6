import { ManualClock } from '../clock/manual-clock';
import { AccessToken } from '../entities/access-token.entity';
import { ProviderUnavailableError } from '../errors/errors';
import { InMemoryAccessTokenCache } from '../in-memory/in-memory-access-token-cache';
import type { AccessTokenIssuer } from '../ports/access-token-issuer.port';
import { GetAccessToken, type AccessTokenEvent, type GetAccessTokenSettings } from './get-access-token.use-case';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run (the in-memory cache never waits on a timer). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Real time, for the cross-process lock polling. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) until `condition` holds; for steps driven by the lock-polling timers. */
async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(2);
  }
}

/** The provider's token endpoint, replaced: every issue() waits until the test answers it. */
class FakeIssuer implements AccessTokenIssuer {
  readonly provider = 'fake';
  private readonly pending: Deferred<AccessToken>[] = [];

  get calls(): number {
    return this.pending.length;
  }

  issue(): Promise<AccessToken> {
    const call = deferred<AccessToken>();
    this.pending.push(call);
    return call.promise;
  }

  /** Answers call number `index` (0-based; the latest by default). */
  respond(token: AccessToken, index = this.pending.length - 1): void {
    this.pending[index].resolve(token);
  }

  fail(error: unknown, index = this.pending.length - 1): void {
    this.pending[index].reject(error);
  }
}

const KEY = 'zenki:client-1';
const SKEW = 60_000;
const REFRESH_AHEAD = 120_000;
const HOUR_S = 3600;

describe('GetAccessToken', () => {
  let clock: ManualClock;
  let cache: InMemoryAccessTokenCache;
  let issuer: FakeIssuer;
  let events: AccessTokenEvent[];
  let counter: number;

  const newToken = (lifetimeS = HOUR_S, issuedAt = clock.now()) =>
    AccessToken.issued(`access-token-${++counter}`, 'Bearer', issuedAt, lifetimeS);
  const useCase = (settings: Partial<GetAccessTokenSettings> = {}) =>
    new GetAccessToken(issuer, cache, clock, {
      cacheKey: KEY,
      skewMs: SKEW,
      refreshAheadMs: REFRESH_AHEAD,
      lockPollMs: 5,
      lockWaitMs: 1_000,
      onEvent: (event) => events.push(event),
      ...settings,
    });
  /** Runs execute() while the issuer answers its next call with `token`. */
  async function fetchWith(getToken: GetAccessToken, token: AccessToken, options?: { forceRefresh?: boolean }): Promise<AccessToken> {
    const before = issuer.calls;
    const result = getToken.execute(options);
    await flush();
    expect(issuer.calls).toBe(before + 1);
    issuer.respond(token);
    return result;
  }
  const types = () => events.map((e) => e.type);

  beforeEach(() => {
    clock = new ManualClock();
    cache = new InMemoryAccessTokenCache(clock);
    issuer = new FakeIssuer();
    events = [];
    counter = 0;
  });

  it('on a miss fetches a token and caches it until expiresAt - skew', async () => {
    const getToken = useCase();
    const set = jest.spyOn(cache, 'set');
    const token = newToken();
    const result = getToken.execute();
    await flush();
    clock.advance(1_000); // the provider took a second to answer
    issuer.respond(token);
    expect(await result).toBe(token);
    expect(set).toHaveBeenCalledWith(KEY, token, token.expiresAt - SKEW - clock.now());
    expect(events).toEqual([{ type: 'miss' }, { type: 'fetched', background: false, cached: true }]);

    clock.set(token.expiresAt - SKEW - 1);
    expect(await cache.get(KEY)).toBe(token);
    clock.advance(1);
    expect(await cache.get(KEY)).toBeUndefined();
  });

  it('answers from the cache while the token is fresh, without calling the issuer', async () => {
    const getToken = useCase();
    const token = await fetchWith(getToken, newToken());
    events.length = 0;
    clock.advance(60_000);
    for (let i = 0; i < 5; i++) expect(await getToken.execute()).toBe(token);
    expect(issuer.calls).toBe(1);
    expect(types()).toEqual(['hit', 'hit', 'hit', 'hit', 'hit']);
  });

  it('refetches a token that is inside the skew window, even if a cache still holds it', async () => {
    const getToken = useCase();
    const aging = newToken(HOUR_S);
    await cache.set(KEY, aging, 10 * HOUR_S * 1000); // e.g. written by a peer with a careless TTL
    clock.set(aging.expiresAt - SKEW);
    const fresh = newToken();
    expect(await fetchWith(getToken, fresh)).toBe(fresh);
    expect(await cache.get(KEY)).toBe(fresh);
    expect(types()).toEqual(['miss', 'fetched']);
  });

  describe('refresh ahead', () => {
    it('inside the window returns the cached token at once and replaces it with one background fetch', async () => {
      const getToken = useCase();
      const first = await fetchWith(getToken, newToken());
      const refreshAt = first.expiresAt - SKEW - REFRESH_AHEAD;

      clock.set(refreshAt - 1);
      expect(await getToken.execute()).toBe(first);
      await flush();
      expect(issuer.calls).toBe(1);

      clock.set(refreshAt);
      events.length = 0;
      expect(await getToken.execute()).toBe(first); // resolved while the background fetch is pending
      await flush();
      expect(issuer.calls).toBe(2);
      for (let i = 0; i < 10; i++) expect(await getToken.execute()).toBe(first);
      await flush();
      expect(issuer.calls).toBe(2);

      const second = newToken();
      issuer.respond(second);
      await flush();
      expect(await cache.get(KEY)).toBe(second);
      expect(await getToken.execute()).toBe(second);
      await flush();
      expect(issuer.calls).toBe(2);
      expect(events).toContainEqual({ type: 'fetched', background: true, cached: true });
    });

    it('runs the background fetch through runInBackground (an adapter gives it a trace of its own), and only it', async () => {
      const runs: string[] = [];
      const getToken = useCase({
        runInBackground: (refresh) => {
          runs.push('background');
          return refresh();
        },
      });
      const first = await fetchWith(getToken, newToken());
      expect(runs).toEqual([]);
      clock.set(first.expiresAt - SKEW - REFRESH_AHEAD);
      expect(await getToken.execute()).toBe(first);
      await flush();
      expect(runs).toEqual(['background']);
      expect(issuer.calls).toBe(2);
      issuer.respond(newToken());
      await flush();
      expect(events).toContainEqual({ type: 'fetched', background: true, cached: true });
    });

    it('is capped at half the usable life, so a short-lived token is not refreshed on every hit', async () => {
      const getToken = useCase();
      // Lives 100 s: usable 40 s after the 60 s skew; the 120 s window is capped to 20 s.
      const short = await fetchWith(getToken, newToken(100));
      clock.advance(1_000);
      expect(await getToken.execute()).toBe(short);
      clock.set(short.issuedAt + 19_999);
      expect(await getToken.execute()).toBe(short);
      await flush();
      expect(issuer.calls).toBe(1);

      clock.set(short.issuedAt + 20_000);
      expect(await getToken.execute()).toBe(short);
      await flush();
      expect(issuer.calls).toBe(2);
      issuer.respond(newToken(100));
      await flush();
    });

    it('a failed background refresh fails no caller and is retried only after backgroundRetryMs', async () => {
      const getToken = useCase({ backgroundRetryMs: 5_000 });
      const first = await fetchWith(getToken, newToken());
      clock.set(first.expiresAt - SKEW - REFRESH_AHEAD);
      expect(await getToken.execute()).toBe(first);
      await flush();
      expect(issuer.calls).toBe(2);
      const failure = new ProviderUnavailableError('Zenki is down');
      issuer.fail(failure);
      await flush();
      expect(events).toContainEqual({ type: 'fetch-failed', background: true, error: failure });

      expect(await getToken.execute()).toBe(first);
      clock.advance(4_999);
      expect(await getToken.execute()).toBe(first);
      await flush();
      expect(issuer.calls).toBe(2);

      clock.advance(1);
      expect(await getToken.execute()).toBe(first);
      await flush();
      expect(issuer.calls).toBe(3);
      const second = newToken();
      issuer.respond(second);
      await flush();
      expect(await getToken.execute()).toBe(second);
    });
  });

  it('makes exactly one issuer call for 1,000 concurrent callers on a cold cache', async () => {
    const getToken = useCase();
    const results = Promise.all(Array.from({ length: 1_000 }, () => getToken.execute()));
    await flush();
    expect(issuer.calls).toBe(1);
    const token = newToken();
    issuer.respond(token);
    const tokens = await results;
    expect(tokens).toHaveLength(1_000);
    for (const t of tokens) expect(t).toBe(token);
    expect(issuer.calls).toBe(1);
    expect(events.filter((e) => e.type === 'fetched')).toHaveLength(1);
  });

  it('rejects every concurrent waiter with the same error when the fetch fails, and tries again on the next call', async () => {
    const getToken = useCase();
    const waiters = Array.from({ length: 20 }, () => getToken.execute().catch((e: unknown) => e));
    await flush();
    expect(issuer.calls).toBe(1);
    const failure = new ProviderUnavailableError('Zenki is down', { provider: 'fake' });
    issuer.fail(failure);
    for (const outcome of await Promise.all(waiters)) expect(outcome).toBe(failure);
    expect(events).toContainEqual({ type: 'fetch-failed', background: false, error: failure });

    const token = newToken();
    expect(await fetchWith(getToken, token)).toBe(token);
    expect(issuer.calls).toBe(2);
  });

  it('hands out, but never caches, a token that lives no longer than the skew', async () => {
    const getToken = useCase();
    const set = jest.spyOn(cache, 'set');
    const brief = newToken(SKEW / 1000);
    expect(await fetchWith(getToken, brief)).toBe(brief);
    expect(set).not.toHaveBeenCalled();
    expect(events).toContainEqual({ type: 'fetched', background: false, cached: false });
    const next = newToken();
    expect(await fetchWith(getToken, next)).toBe(next);
    expect(issuer.calls).toBe(2);
  });

  it('does not report a token as cached when it arrives already stale', async () => {
    const getToken = useCase();
    const set = jest.spyOn(cache, 'set');
    const token = newToken(HOUR_S);
    const result = getToken.execute();
    await flush();
    clock.set(token.expiresAt - SKEW); // the answer took until the token was stale
    issuer.respond(token);
    expect(await result).toBe(token);
    expect(set).not.toHaveBeenCalled();
    expect(events).toContainEqual({ type: 'fetched', background: false, cached: false });
  });

  describe('invalidate', () => {
    it('forgets the token, so the next execute fetches a new one', async () => {
      const getToken = useCase();
      const first = await fetchWith(getToken, newToken());
      await getToken.invalidate(first);
      const second = newToken();
      expect(await fetchWith(getToken, second)).toBe(second);

      await getToken.invalidate(second.value.reveal());
      const third = newToken();
      expect(await fetchWith(getToken, third)).toBe(third);
      expect(issuer.calls).toBe(3);
    });

    it('with an old value leaves a newer cached token alone', async () => {
      const getToken = useCase({ forcedRefreshCooldownMs: 2_000 });
      const first = await fetchWith(getToken, newToken());
      clock.advance(2_000);
      const second = await fetchWith(getToken, newToken(), { forceRefresh: true });
      await getToken.invalidate(first);
      await getToken.invalidate(first.value.reveal());
      expect(await getToken.execute()).toBe(second);
      expect(issuer.calls).toBe(2);
    });
  });

  describe('forceRefresh', () => {
    it('fetches a new token once the cached one is older than forcedRefreshCooldownMs', async () => {
      const getToken = useCase({ forcedRefreshCooldownMs: 2_000 });
      const first = await fetchWith(getToken, newToken());
      clock.advance(1_999);
      expect(await getToken.execute({ forceRefresh: true })).toBe(first);
      await flush();
      expect(issuer.calls).toBe(1);

      clock.advance(1);
      const second = newToken();
      expect(await fetchWith(getToken, second, { forceRefresh: true })).toBe(second);
      expect(await cache.get(KEY)).toBe(second);
      expect(await getToken.execute()).toBe(second);
      expect(issuer.calls).toBe(2);
    });

    it('fetches on a cold cache', async () => {
      const token = newToken();
      expect(await fetchWith(useCase(), token, { forceRefresh: true })).toBe(token);
    });
  });

  describe('across processes sharing one cache', () => {
    it('makes one issuer call in total: the second process waits for the lock holder', async () => {
      const processA = useCase();
      const peerEvents: AccessTokenEvent[] = [];
      const processB = useCase({ onEvent: (event) => peerEvents.push(event) });
      const callsA = Array.from({ length: 50 }, () => processA.execute());
      await flush(); // A holds the lock and is fetching
      const callsB = Array.from({ length: 50 }, () => processB.execute());
      await flush();
      expect(issuer.calls).toBe(1);
      await sleep(30); // B polls the cache a few times while the slow issuer has not answered
      expect(issuer.calls).toBe(1);

      const token = newToken();
      issuer.respond(token);
      const tokens = await Promise.all([...callsA, ...callsB]);
      for (const t of tokens) expect(t.value.reveal()).toBe(token.value.reveal());
      expect(issuer.calls).toBe(1);
      expect(peerEvents).toContainEqual({ type: 'waited-for-peer', gotToken: true });
      expect(peerEvents.filter((e) => e.type === 'fetched')).toHaveLength(0);
    });

    it('uses a token a peer stored while it waited for the lock, without fetching', async () => {
      const processA = useCase();
      const processB = useCase();
      const fromA = processA.execute();
      await flush();
      const fromB = processB.execute();
      await flush();
      const token = newToken();
      issuer.respond(token);
      expect(await fromA).toBe(token);
      expect(await fromB).toBe(token);
      expect(await processB.execute()).toBe(token);
      expect(issuer.calls).toBe(1);
    });

    it('fetches itself after lockWaitMs when the lock holder never stores a token', async () => {
      const held = await cache.tryLock(KEY, 60_000); // a peer that took the lock and died
      expect(held).toBeDefined();
      const getToken = useCase({ lockPollMs: 5, lockWaitMs: 60 });
      const started = Date.now();
      const result = getToken.execute();
      await flush();
      expect(issuer.calls).toBe(0);
      await until(() => issuer.calls === 1);
      // It gave the holder the whole wait (twelve 5 ms polls), not just one poll; slack for timer rounding.
      expect(Date.now() - started).toBeGreaterThanOrEqual(40);
      expect(events).toEqual([{ type: 'miss' }, { type: 'waited-for-peer', gotToken: false }]);
      const token = newToken();
      issuer.respond(token);
      expect(await result).toBe(token);
      expect(await cache.get(KEY)).toBe(token);
      expect(types()).toEqual(['miss', 'waited-for-peer', 'fetched']);
    });
  });

  it('reports hit, miss, fetched and fetch-failed through onEvent', async () => {
    const getToken = useCase();
    const failure = new ProviderUnavailableError('Zenki is down');
    const failed = getToken.execute().catch((e: unknown) => e);
    await flush();
    issuer.fail(failure);
    await failed;
    await fetchWith(getToken, newToken());
    await getToken.execute();
    expect(events).toEqual([
      { type: 'miss' },
      { type: 'fetch-failed', background: false, error: failure },
      { type: 'miss' },
      { type: 'fetched', background: false, cached: true },
      { type: 'hit' },
    ]);
  });

  it('refuses negative skew or refresh-ahead settings', () => {
    expect(() => useCase({ skewMs: -1 })).toThrow(RangeError);
    expect(() => useCase({ refreshAheadMs: -1 })).toThrow(RangeError);
  });
});

describe('GetAccessToken when its collaborators misbehave', () => {
  const token = (clock: ManualClock, value: string) => AccessToken.issued(value, 'Bearer', clock.now(), 1800);

  it('hands out a fetched token even when storing it fails, and reports the cache error', async () => {
    const clock = new ManualClock();
    const cache = new InMemoryAccessTokenCache(clock);
    jest.spyOn(cache, 'set').mockRejectedValue(new Error('cache down'));
    const events: AccessTokenEvent[] = [];
    let calls = 0;
    const issuer: AccessTokenIssuer = { provider: 'test', issue: async () => token(clock, `t-${++calls}`) };
    const useCase = new GetAccessToken(issuer, cache, clock, { cacheKey: 'k', onEvent: (e) => events.push(e) });

    const first = await useCase.execute();

    expect(first.value.reveal()).toBe('t-1');
    expect(events).toContainEqual(expect.objectContaining({ type: 'cache-error', operation: 'set' }));
    expect(events).toContainEqual({ type: 'fetched', background: false, cached: false });
  });

  it('hands out the token when releasing the lock fails', async () => {
    const clock = new ManualClock();
    const cache = new InMemoryAccessTokenCache(clock);
    const realTryLock = cache.tryLock.bind(cache);
    jest.spyOn(cache, 'tryLock').mockImplementation(async (key, ttl) => {
      const lock = await realTryLock(key, ttl);
      return lock && { release: () => Promise.reject(new Error('release failed')) };
    });
    const issuer: AccessTokenIssuer = { provider: 'test', issue: async () => token(clock, 'only') };
    const useCase = new GetAccessToken(issuer, cache, clock, { cacheKey: 'k' });

    await expect(useCase.execute()).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('is not broken by a listener that throws', async () => {
    const clock = new ManualClock();
    const issuer: AccessTokenIssuer = { provider: 'test', issue: async () => token(clock, 'v') };
    const useCase = new GetAccessToken(issuer, new InMemoryAccessTokenCache(clock), clock, {
      cacheKey: 'k',
      onEvent: () => {
        throw new Error('metrics exploded');
      },
    });

    await expect(useCase.execute()).resolves.toBeDefined();
    await expect(useCase.execute()).resolves.toBeDefined();
  });

  it('refuses a zero poll interval, which would make the lock wait spin', () => {
    const clock = new ManualClock();
    const issuer: AccessTokenIssuer = { provider: 'test', issue: async () => token(clock, 'v') };
    expect(() => new GetAccessToken(issuer, new InMemoryAccessTokenCache(clock), clock, { cacheKey: 'k', lockPollMs: 0 })).toThrow(
      RangeError,
    );
  });
});
