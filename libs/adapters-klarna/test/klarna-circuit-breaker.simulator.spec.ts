import { inspect } from 'node:util';
import { CustomerToken, NotFoundError, ProviderTimeoutError, ProviderUnavailableError } from '@paytokens/domain';
import { KlarnaCustomerTokenGateway } from '../src/lib/klarna-customer-token.gateway';
import type { KlarnaGatewayOptions } from '../src/lib/klarna-options';
import type { CircuitState, ProviderCallEvent } from '@paytokens/provider-kit';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '../src/simulator';
import { minimalInput, request } from './support/customer-token-requests';

// Long enough that a loaded CI machine does not reach half-open between two steps of one test.
const HALF_OPEN_AFTER_MS = 1000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Klarna's circuit breaker and call observer, over HTTP against the simulator", () => {
  let simulator: KlarnaSimulator;
  const gateways: KlarnaCustomerTokenGateway[] = [];
  let events: ProviderCallEvent[];

  beforeAll(async () => {
    simulator = await KlarnaSimulator.start();
  });
  afterAll(() => simulator.close());
  beforeEach(() => {
    simulator.faults.reset();
    simulator.clearRecords();
    events = [];
  });
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((g) => g.close()));
  });

  function gateway(options: Partial<KlarnaGatewayOptions> = {}): KlarnaCustomerTokenGateway {
    const created = new KlarnaCustomerTokenGateway({
      username: SIMULATOR_USERNAME,
      password: SIMULATOR_PASSWORD,
      baseUrl: simulator.url,
      timeoutMs: 1000,
      circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
      onProviderCall: (event) => events.push(event),
      ...options,
    });
    gateways.push(created);
    return created;
  }
  const mint = () => simulator.mintAuthorization().authorizationToken;
  const create = (g: KlarnaCustomerTokenGateway, authorizationToken = mint()) => g.create(request(minimalInput(authorizationToken)));
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e,
    );

  async function openCircuit(g: KlarnaCustomerTokenGateway): Promise<void> {
    simulator.faults.set({ failNext: 3, failNextKind: 'error' });
    for (let i = 0; i < 3; i++) expect(await failure(create(g))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', providerStatus: 503 });
    expect(g.circuit.state).toBe('open');
  }

  it('opens after N consecutive 5xx; then fails fast with ProviderUnavailableError and makes no request', async () => {
    const g = gateway();
    await openCircuit(g);
    expect(simulator.requestCounts.create).toBe(3);

    const authorizationToken = mint();
    const refused = await failure(create(g, authorizationToken));
    expect(refused).toBeInstanceOf(ProviderUnavailableError);
    expect((refused as Error).message).toMatch(/^Klarna is unavailable \(circuit open/);
    expect(refused).toMatchObject({ provider: 'klarna', retryAfterSeconds: 1 });
    await expect(g.read('some-token-id')).rejects.toThrow(/circuit open/);
    expect(simulator.requestCounts).toMatchObject({ create: 3, read: 0, cancel: 0 });
    expect(g.circuit.retryAfterSeconds).toBe(1);

    // The refused authorization was never sent, so it is still good once Klarna is back.
    await delay(HALF_OPEN_AFTER_MS + 50);
    await expect(create(g, authorizationToken)).resolves.toBeInstanceOf(CustomerToken);
  });

  it('after halfOpenAfterMs lets one probe through; its success closes the circuit', async () => {
    const g = gateway();
    const states: CircuitState[] = [];
    g.circuit.onStateChange((state) => states.push(state));
    await openCircuit(g);
    await delay(HALF_OPEN_AFTER_MS + 50);
    expect(g.circuit.state).toBe('half-open');
    expect(g.circuit.retryAfterSeconds).toBeUndefined();

    await expect(create(g)).resolves.toBeInstanceOf(CustomerToken);
    expect(g.circuit.state).toBe('closed');
    expect(simulator.requestCounts.create).toBe(4);
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('a failed probe opens it again for another halfOpenAfterMs', async () => {
    const g = gateway();
    await openCircuit(g);
    await delay(HALF_OPEN_AFTER_MS + 50);
    simulator.faults.set({ failNext: 1, failNextKind: 'error' });
    expect(await failure(create(g))).toMatchObject({ providerStatus: 503 });
    expect(g.circuit.state).toBe('open');
    expect(await failure(create(g))).toMatchObject({ message: expect.stringMatching(/circuit open/) });
    expect(simulator.requestCounts.create).toBe(4);
  });

  it('lets only one probe through when many calls arrive at once in half-open', async () => {
    const g = gateway();
    await openCircuit(g);
    await delay(HALF_OPEN_AFTER_MS + 50);
    simulator.faults.set({ latencyMs: 100, failNext: 1, failNextKind: 'error' });
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => failure(create(g))));
    expect(simulator.requestCounts.create).toBe(4);
    expect(outcomes.filter((e) => (e as ProviderUnavailableError).providerStatus === 503)).toHaveLength(1);
    expect(outcomes.filter((e) => /circuit open/.test((e as Error).message))).toHaveLength(4);
  });

  it('counts timeouts and connection resets as faults', async () => {
    const g = gateway({ timeoutMs: 150, createTimeoutMs: 150 });
    simulator.faults.set({ failNext: 1, failNextKind: 'stall' });
    expect(await failure(create(g))).toBeInstanceOf(ProviderTimeoutError);
    simulator.faults.set({ failNext: 2, failNextKind: 'reset' });
    expect(await failure(create(g))).toBeInstanceOf(ProviderUnavailableError);
    expect(await failure(create(g))).toBeInstanceOf(ProviderUnavailableError);
    expect(g.circuit.state).toBe('open');
  });

  it('never counts an answer that is not a fault (a 404), and such an answer resets the count', async () => {
    const g = gateway();
    for (let i = 0; i < 5; i++) expect(await failure(create(g, 'never-issued-authorization'))).toBeInstanceOf(NotFoundError);
    expect(g.circuit.state).toBe('closed');

    simulator.faults.set({ failNext: 2, failNextKind: 'error' });
    await failure(create(g));
    await failure(create(g));
    expect(await failure(create(g, 'never-issued-authorization'))).toBeInstanceOf(NotFoundError);
    simulator.faults.set({ failNext: 2, failNextKind: 'error' });
    await failure(create(g));
    await failure(create(g));
    expect(g.circuit.state).toBe('closed');
  });

  it('never opens with circuitBreaker: false', async () => {
    const g = gateway({ circuitBreaker: false });
    simulator.faults.set({ failNext: 8, failNextKind: 'error' });
    for (let i = 0; i < 8; i++) expect(await failure(create(g))).toMatchObject({ providerStatus: 503 });
    expect(g.circuit).toMatchObject({ state: 'closed', enabled: false });
    expect(simulator.requestCounts.create).toBe(8);
  });

  it('defaults to 5 failures and 10 s', () => {
    const g = new KlarnaCustomerTokenGateway({ username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD, baseUrl: simulator.url });
    gateways.push(g);
    expect(g.circuit.settings).toEqual({ consecutiveFailures: 5, halfOpenAfterMs: 10_000 });
  });

  describe('onProviderCall', () => {
    it('reports one event per HTTP call, with status, duration and correlation id', async () => {
      const g = gateway();
      const token = await create(g);
      await g.read(token.tokenId);
      await g.cancel(token.tokenId);
      expect(events).toEqual([
        {
          provider: 'klarna',
          account: 'default',
          operation: 'create',
          outcome: 'success',
          status: 200,
          durationMs: expect.any(Number),
          correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          attempt: 1,
        },
        {
          provider: 'klarna',
          account: 'default',
          operation: 'read',
          outcome: 'success',
          status: 200,
          durationMs: expect.any(Number),
          correlationId: expect.any(String),
          attempt: 1,
        },
        {
          provider: 'klarna',
          account: 'default',
          operation: 'cancel',
          outcome: 'success',
          status: 202,
          durationMs: expect.any(Number),
          correlationId: expect.any(String),
          attempt: 1,
        },
      ]);
      expect(events.every((e) => e.durationMs >= 0)).toBe(true);
    });

    it('reports failures by domain error code, each retried attempt on its own, and refusals as circuit-open', async () => {
      const g = gateway();
      const token = await create(g);
      events = [];
      simulator.faults.set({ failNext: 1, failNextKind: 'reset' });
      await g.read(token.tokenId);
      expect(simulator.requestCounts.read).toBe(2);
      await failure(create(g, 'never-issued-authorization'));
      await openCircuit(g);
      await failure(create(g));
      expect(events.map(({ operation, outcome, status, attempt }) => ({ operation, outcome, status, attempt }))).toEqual([
        { operation: 'read', outcome: 'PROVIDER_UNAVAILABLE', status: undefined, attempt: 1 },
        { operation: 'read', outcome: 'success', status: 200, attempt: 2 },
        { operation: 'create', outcome: 'NOT_FOUND', status: 404, attempt: 1 },
        { operation: 'create', outcome: 'PROVIDER_UNAVAILABLE', status: 503, attempt: 1 },
        { operation: 'create', outcome: 'PROVIDER_UNAVAILABLE', status: 503, attempt: 1 },
        { operation: 'create', outcome: 'PROVIDER_UNAVAILABLE', status: 503, attempt: 1 },
        { operation: 'create', outcome: 'circuit-open', status: undefined, attempt: undefined },
      ]);
      expect(events.at(-1)!.durationMs).toBe(0);
    });

    it('never carries the password, the authorization token, a token id or a URL', async () => {
      const g = gateway();
      const authorizationToken = mint();
      const token = await create(g, authorizationToken);
      await g.read(token.tokenId);
      simulator.faults.set({ failNext: 1, failNextKind: 'error' });
      await failure(g.cancel(token.tokenId));
      const printed = [JSON.stringify(events), inspect(events, { depth: 5 })].join('\n');
      for (const secret of [SIMULATOR_PASSWORD, authorizationToken, token.tokenId, simulator.url, 'http'])
        expect(printed).not.toContain(secret);
      expect(events).toHaveLength(3);
    });

    it('survives a listener that throws', async () => {
      const g = gateway({
        onProviderCall: () => {
          throw new Error('listener bug');
        },
      });
      await expect(create(g)).resolves.toBeInstanceOf(CustomerToken);
    });
  });
});
