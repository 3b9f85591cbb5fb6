// Zenki's circuit breaker and call observer over real HTTP against the simulator: every request count is the simulator's.
import { inspect } from 'node:util';
import { ManualClock, ProviderAuthenticationError, ProviderUnavailableError } from '@paytokens/domain';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '../simulator';
import { createZenki, type ZenkiServices } from './create-zenki';
import type { CircuitState, ProviderCallEvent } from '@paytokens/provider-kit';
import type { ZenkiModuleOptions } from './zenki-options';

// Long enough that a loaded CI machine does not reach half-open between two steps of one test.
const HALF_OPEN_AFTER_MS = 1000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("Zenki's circuit breaker and call observer", () => {
  let clock: ManualClock;
  let simulator: ZenkiSimulator;
  let events: ProviderCallEvent[];
  const opened: ZenkiServices[] = [];

  function open(overrides: Partial<ZenkiModuleOptions> = {}): ZenkiServices {
    const services = createZenki(
      {
        clientId: ZENKI_SIMULATOR_CLIENT_ID,
        clientSecret: ZENKI_SIMULATOR_CLIENT_SECRET,
        baseUrl: simulator.url,
        timeoutMs: 1_000,
        retry: { maxAttempts: 2, baseDelayMs: 1 },
        circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
        onProviderCall: (event) => events.push(event),
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
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await simulator.close();
  });

  /** Two failed fetches of two attempts each: four 500s from the token endpoint. */
  async function openCircuit(zenki: ZenkiServices): Promise<void> {
    simulator.faults.set({ failNext: 4, failKind: 'error', target: 'token' });
    for (let i = 0; i < 2; i++)
      expect(await failure(zenki.issuer.issue())).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', providerStatus: 500 });
    expect(zenki.circuit.state).toBe('open');
  }

  it('opens after N failed fetches (each after its own retries), then refuses at once without a request', async () => {
    const zenki = open();
    await openCircuit(zenki);
    expect(simulator.tokenRequests).toBe(4);

    const refused = await failure(zenki.getAccessToken.execute());
    expect(refused).toBeInstanceOf(ProviderUnavailableError);
    expect((refused as Error).message).toMatch(/^Zenki is unavailable \(circuit open/);
    expect(refused).toMatchObject({ provider: 'zenki', retryAfterSeconds: 1 });
    expect(simulator.tokenRequests).toBe(4);
    expect(events.map(({ operation, outcome, status, attempt }) => ({ operation, outcome, status, attempt }))).toEqual([
      { operation: 'token', outcome: 'PROVIDER_UNAVAILABLE', status: 500, attempt: 1 },
      { operation: 'token', outcome: 'PROVIDER_UNAVAILABLE', status: 500, attempt: 2 },
      { operation: 'token', outcome: 'PROVIDER_UNAVAILABLE', status: 500, attempt: 1 },
      { operation: 'token', outcome: 'PROVIDER_UNAVAILABLE', status: 500, attempt: 2 },
      { operation: 'token', outcome: 'circuit-open', status: undefined, attempt: undefined },
    ]);
  });

  it('a fetch that succeeds on its retry is not a failure', async () => {
    const zenki = open();
    for (let i = 0; i < 3; i++) {
      simulator.faults.set({ failNext: 1, failKind: 'reset', target: 'token' });
      await expect(zenki.issuer.issue()).resolves.toBeDefined();
    }
    expect(zenki.circuit.state).toBe('closed');
    expect(simulator.tokenRequests).toBe(6);
  });

  it('keeps serving the cached token while open; only a fetch that must happen is refused', async () => {
    const zenki = open();
    const cached = await zenki.getAccessToken.execute();
    await openCircuit(zenki);
    const requests = simulator.tokenRequests;

    const served = await zenki.getAccessToken.execute();
    expect(served.value.equals(cached.value)).toBe(true);
    // Inside the refresh-ahead window: still the cached token; the background refresh is refused by the circuit, unsent.
    clock.advance((1800 - 60 - 60) * 1000);
    expect((await zenki.getAccessToken.execute()).value.equals(cached.value)).toBe(true);
    await delay(20);
    expect(events.at(-1)).toMatchObject({ operation: 'token', outcome: 'circuit-open' });
    await expect(zenki.getAccessToken.execute({ forceRefresh: true })).rejects.toThrow(/circuit open/);
    expect(simulator.tokenRequests).toBe(requests);
  });

  it('after halfOpenAfterMs one probe goes through, and its success closes the circuit', async () => {
    const zenki = open();
    const states: CircuitState[] = [];
    zenki.circuit.onStateChange((state) => states.push(state));
    await openCircuit(zenki);
    await delay(HALF_OPEN_AFTER_MS + 50);
    expect(zenki.circuit.state).toBe('half-open');
    await expect(zenki.getAccessToken.execute()).resolves.toBeDefined();
    expect(zenki.circuit.state).toBe('closed');
    expect(simulator.tokenRequests).toBe(5);
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('never counts a refusal of the credentials', async () => {
    const zenki = open({ clientSecret: 'not-the-secret' });
    for (let i = 0; i < 4; i++) expect(await failure(zenki.issuer.issue())).toBeInstanceOf(ProviderAuthenticationError);
    expect(zenki.circuit.state).toBe('closed');
    expect(simulator.tokenRequests).toBe(4);
    expect(events.map((e) => e.outcome)).toEqual(Array(4).fill('PROVIDER_AUTHENTICATION_FAILED'));
  });

  it('never opens with circuitBreaker: false', async () => {
    const zenki = open({ circuitBreaker: false });
    simulator.faults.set({ failNext: 6, failKind: 'error', target: 'token' });
    for (let i = 0; i < 3; i++) await failure(zenki.issuer.issue());
    expect(zenki.circuit).toMatchObject({ state: 'closed', enabled: false });
    expect(simulator.tokenRequests).toBe(6);
  });

  it('reports API calls as operation api, a 401 and its retry each on their own', async () => {
    const zenki = open();
    const first = await zenki.getAccessToken.execute();
    simulator.revoke(first.value.reveal());
    await zenki.client.getMerchantInfo();
    expect(events.map(({ operation, outcome, status, attempt }) => ({ operation, outcome, status, attempt }))).toEqual([
      { operation: 'token', outcome: 'success', status: 200, attempt: 1 },
      { operation: 'api', outcome: 'PROVIDER_AUTHENTICATION_FAILED', status: 401, attempt: 1 },
      { operation: 'token', outcome: 'success', status: 200, attempt: 1 },
      { operation: 'api', outcome: 'success', status: 200, attempt: 2 },
    ]);
    expect(events.every((e) => e.provider === 'zenki' && e.durationMs >= 0)).toBe(true);
  });

  it('never puts the client secret, a token or a URL in an event', async () => {
    const zenki = open();
    const token = await zenki.getAccessToken.execute();
    await zenki.client.getMerchantInfo();
    simulator.faults.set({ failNext: 1, failKind: 'error', target: 'api' });
    await failure(zenki.client.getMerchantInfo());
    const printed = [JSON.stringify(events), inspect(events, { depth: 5 })].join('\n');
    for (const secret of [ZENKI_SIMULATOR_CLIENT_SECRET, token.value.reveal(), simulator.url, '/v1/', 'http'])
      expect(printed).not.toContain(secret);
    expect(events).toHaveLength(3);
  });

  it('survives a listener that throws', async () => {
    const zenki = open({
      onProviderCall: () => {
        throw new Error('listener bug');
      },
    });
    await expect(zenki.getAccessToken.execute()).resolves.toBeDefined();
  });
});
