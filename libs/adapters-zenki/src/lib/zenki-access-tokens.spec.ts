// GetAccessToken over the Zenki issuer and the default cache, over real HTTP against the simulator:
// every count below is the simulator's own.
import { InMemoryAccessTokenCache, ManualClock, type AccessTokenEvent } from '@paytokens/domain';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '../simulator';
import { createZenki, type ZenkiServices } from './create-zenki';
import { zenkiCacheKey } from './zenki-cache-key';
import type { ZenkiModuleOptions } from './zenki-options';

const SECOND = 1000;

describe('Zenki access tokens through GetAccessToken', () => {
  let clock: ManualClock;
  let simulator: ZenkiSimulator;
  let zenki: ZenkiServices;
  let events: AccessTokenEvent[];
  const opened: ZenkiServices[] = [];

  function open(overrides: Partial<ZenkiModuleOptions> = {}): ZenkiServices {
    const services = createZenki(
      {
        clientId: ZENKI_SIMULATOR_CLIENT_ID,
        clientSecret: ZENKI_SIMULATOR_CLIENT_SECRET,
        baseUrl: simulator.url,
        timeoutMs: 2_000,
        retry: { baseDelayMs: 5 },
        onTokenEvent: (event) => events.push(event),
        ...overrides,
      },
      { clock },
    );
    opened.push(services);
    return services;
  }

  beforeEach(async () => {
    clock = new ManualClock();
    events = [];
    simulator = await ZenkiSimulator.start({ clock });
    zenki = open();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await simulator.close();
  });

  async function until(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(condition()).toBe(true);
  }

  it('answers from the cache while the token is fresh: no second call', async () => {
    const first = await zenki.getAccessToken.execute();
    clock.advance(600 * SECOND);
    const second = await zenki.getAccessToken.execute();
    expect(second.value.equals(first.value)).toBe(true);
    expect(simulator.tokenRequests).toBe(1);
    expect(events.map((e) => e.type)).toEqual(['miss', 'fetched', 'hit']);
  });

  it('counts a token as expired `tokenSkewSeconds` before Zenki does, and then fetches a new one', async () => {
    zenki = open({ tokenSkewSeconds: 60, refreshAheadSeconds: 0 });
    const first = await zenki.getAccessToken.execute();
    clock.advance(1739 * SECOND);
    expect((await zenki.getAccessToken.execute()).value.equals(first.value)).toBe(true);
    expect(simulator.tokenRequests).toBe(1);
    clock.advance(1 * SECOND);
    const renewed = await zenki.getAccessToken.execute();
    expect(renewed.value.equals(first.value)).toBe(false);
    expect(simulator.tokenRequests).toBe(2);
  });

  it('refreshes ahead of expiry in the background, once, without making callers wait', async () => {
    zenki = open({ tokenSkewSeconds: 60, refreshAheadSeconds: 120 });
    const first = await zenki.getAccessToken.execute();
    clock.advance(1619 * SECOND);
    await zenki.getAccessToken.execute();
    expect(simulator.tokenRequests).toBe(1);

    clock.advance(1 * SECOND); // 120 s before the token turns stale
    simulator.faults.set({ latencyMs: 200 });
    const during = await Promise.all(Array.from({ length: 20 }, () => zenki.getAccessToken.execute()));
    // Everyone got the current token at once: nobody waited for the refresh.
    expect(during.every((t) => t.value.equals(first.value))).toBe(true);
    expect(simulator.issuedCount).toBe(1);

    await until(() => simulator.issuedCount === 2);
    await until(() => events.some((e) => e.type === 'fetched' && e.background));
    const after = await zenki.getAccessToken.execute();
    expect(after.value.equals(first.value)).toBe(false);
    expect(simulator.tokenRequests).toBe(2);
  });

  it('keeps serving the current token when a background refresh fails', async () => {
    zenki = open({ retry: { maxAttempts: 1 } });
    const first = await zenki.getAccessToken.execute();
    clock.advance(1650 * SECOND);
    simulator.faults.set({ failNext: 1, failKind: 'error' });
    expect((await zenki.getAccessToken.execute()).value.equals(first.value)).toBe(true);
    await until(() => events.some((e) => e.type === 'fetch-failed'));
    expect(events.find((e) => e.type === 'fetch-failed')).toMatchObject({ background: true });
    expect((await zenki.getAccessToken.execute()).value.equals(first.value)).toBe(true);
  });

  it('makes exactly one upstream call for 1,000 concurrent callers on a cold cache', async () => {
    simulator.faults.set({ latencyMs: 20 });
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => zenki.getAccessToken.execute()));
    expect(simulator.tokenRequests).toBe(1);
    expect(simulator.issuedCount).toBe(1);
    expect(new Set(tokens.map((t) => t.value.reveal())).size).toBe(1);
  });

  it('fetches a fresh token after invalidate, once, and ignores an invalidate of a replaced token', async () => {
    const first = await zenki.getAccessToken.execute();
    clock.advance(10 * SECOND);
    await zenki.getAccessToken.invalidate(first);
    const second = await zenki.getAccessToken.execute();
    expect(second.value.equals(first.value)).toBe(false);
    await zenki.getAccessToken.invalidate(first); // a late 401 for the old token must not drop the new one
    expect((await zenki.getAccessToken.execute()).value.equals(second.value)).toBe(true);
    expect(simulator.tokenRequests).toBe(2);
  });

  it('never lets two credential sets share a token, even in one shared cache', async () => {
    simulator.addClient('second-client', 'second-secret-value');
    const cache = new InMemoryAccessTokenCache(clock);
    const one = open({ cache });
    const two = open({ cache, clientId: 'second-client', clientSecret: 'second-secret-value' });
    const [a, b] = await Promise.all([one.getAccessToken.execute(), two.getAccessToken.execute()]);
    expect(a.value.equals(b.value)).toBe(false);
    expect((await one.getAccessToken.execute()).value.equals(a.value)).toBe(true);
    expect((await two.getAccessToken.execute()).value.equals(b.value)).toBe(true);
    expect(simulator.issuedTo(ZENKI_SIMULATOR_CLIENT_ID)).toBe(1);
    expect(simulator.issuedTo('second-client')).toBe(1);
    expect((await two.client.getMerchantInfo()).commercialName).toBe('Simulated merchant second-client');
    expect((await one.client.getMerchantInfo()).commercialName).toBe(`Simulated merchant ${ZENKI_SIMULATOR_CLIENT_ID}`);
  });

  it('hands out but never caches a token that lives no longer than the skew', async () => {
    simulator.setExpiresIn(30);
    await zenki.getAccessToken.execute();
    await zenki.getAccessToken.execute();
    expect(simulator.tokenRequests).toBe(2);
    expect(events.filter((e) => e.type === 'fetched')).toEqual([
      { type: 'fetched', background: false, cached: false },
      { type: 'fetched', background: false, cached: false },
    ]);
  });
});

describe('zenkiCacheKey', () => {
  it('differs per base URL and per client id, and shows neither', () => {
    const key = zenkiCacheKey('https://api.zenki.fi', 'client-a');
    expect(key).toMatch(/^zenki:[0-9a-f]{64}$/);
    expect(key).toBe(zenkiCacheKey('https://api.zenki.fi', 'client-a'));
    expect(zenkiCacheKey('https://api.zenki.fi', 'client-b')).not.toBe(key);
    expect(zenkiCacheKey('http://127.0.0.1:1', 'client-a')).not.toBe(key);
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    expect(zenkiCacheKey('ab', 'c')).not.toBe(zenkiCacheKey('a', 'bc'));
    expect(key).not.toContain('client-a');
  });
});
