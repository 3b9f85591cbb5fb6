import { CustomerToken, ProviderTimeoutError, ProviderUnavailableError } from '@paytokens/domain';
import { KlarnaCustomerTokenGateway } from '../src/lib/klarna-customer-token.gateway';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '../src/simulator';
import { minimalInput, request } from './support/customer-token-requests';

describe('KlarnaCustomerTokenGateway against a faulty simulator', () => {
  let simulator: KlarnaSimulator;
  let gateway: KlarnaCustomerTokenGateway;

  const create = () => gateway.create(request(minimalInput(simulator.mintAuthorization().authorizationToken)));

  beforeAll(async () => {
    simulator = await KlarnaSimulator.start();
    // Breaker off: the faults here are one at a time; klarna-circuit-breaker.simulator.spec.ts covers the breaker.
    gateway = new KlarnaCustomerTokenGateway({
      username: SIMULATOR_USERNAME,
      password: SIMULATOR_PASSWORD,
      baseUrl: simulator.url,
      timeoutMs: 400,
      createTimeoutMs: 400,
      circuitBreaker: false,
    });
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });
  beforeEach(() => {
    simulator.faults.reset();
    simulator.clearRecords();
  });

  it('still answers under added latency below the timeout', async () => {
    simulator.faults.set({ latencyMs: 100 });
    await expect(create()).resolves.toBeInstanceOf(CustomerToken);
  });

  it('times out when the latency exceeds the timeout: ProviderTimeoutError', async () => {
    simulator.faults.set({ latencyMs: 1500 });
    const error = await create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(error).toMatchObject({ provider: 'klarna' });
  });

  it('maps 503 to ProviderUnavailableError with Klarna code and correlation id, and creates nothing', async () => {
    simulator.faults.set({ failNext: 1, failNextKind: 'error' });
    const before = simulator.ledger.length;
    const error = await create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({
      provider: 'klarna',
      providerStatus: 503,
      providerCode: 'SERVICE_UNAVAILABLE',
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(simulator.ledger.length).toBe(before);
    await expect(create()).resolves.toBeInstanceOf(CustomerToken);
  });

  it('never retries a create: a reset is ProviderUnavailableError after exactly one request, and nothing is created', async () => {
    simulator.faults.set({ failNext: 1, failNextKind: 'reset' });
    const before = simulator.ledger.length;
    await expect(create()).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(simulator.requestCounts.create).toBe(1);
    expect(simulator.ledger.length).toBe(before);
  });

  it('retries a read and a cancel once after a reset, and gives up after a second one', async () => {
    const { tokenId } = await create();
    simulator.clearRecords();

    simulator.faults.set({ failNext: 1, failNextKind: 'reset' });
    await expect(gateway.read(tokenId)).resolves.toMatchObject({ tokenId, status: 'ACTIVE' });
    expect(simulator.requestCounts.read).toBe(2);

    simulator.faults.set({ failNext: 1, failNextKind: 'reset' });
    await expect(gateway.cancel(tokenId)).resolves.toBeUndefined();
    expect(simulator.requestCounts.cancel).toBe(2);

    simulator.faults.set({ failNext: 2, failNextKind: 'reset' });
    await expect(gateway.read(tokenId)).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(simulator.requestCounts.read).toBe(4);
  });

  it('does not retry a 503 on read: the answer came back', async () => {
    const { tokenId } = await create();
    simulator.clearRecords();
    simulator.faults.set({ failNext: 1, failNextKind: 'error' });
    await expect(gateway.read(tokenId)).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(simulator.requestCounts.read).toBe(1);
  });

  it('turns a stalled request into ProviderTimeoutError, and the pool keeps working', async () => {
    simulator.faults.set({ failNext: 1, failNextKind: 'stall' });
    const before = simulator.ledger.length;
    const error = await create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect((error as Error).message).toContain('400 ms');
    expect(simulator.ledger.length).toBe(before);
    await expect(create()).resolves.toBeInstanceOf(CustomerToken);
  });

  it('resetAfterProcessing: the caller gets ProviderUnavailableError but the token exists in the ledger (lost response)', async () => {
    simulator.faults.set({ failNext: 1, failNextKind: 'resetAfterProcessing' });
    const before = simulator.ledger.length;
    await expect(create()).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(simulator.ledger.length).toBe(before + 1);
    expect(simulator.requestCounts.create).toBe(1);
  });

  it('spreads rate-based faults reproducibly for a given seed', async () => {
    const outcomes = async () => {
      simulator.faults.set({ errorRate: 0.3, resetRate: 0.2, seed: 42 });
      const results: string[] = [];
      for (let i = 0; i < 20; i++) {
        results.push(
          await create().then(
            () => 'ok',
            (e: Error) => e.name,
          ),
        );
      }
      return results;
    };
    const first = await outcomes();
    const second = await outcomes();
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'ProviderUnavailableError']));
  });

  it('switches faults over HTTP: PUT /simulator/faults replaces them', async () => {
    const put = await fetch(`${simulator.url}/simulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failNext: 1 }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ failNext: 1, failNextKind: 'error', errorRate: 0 });
    await expect(create()).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(create()).resolves.toBeInstanceOf(CustomerToken);

    const bad = await fetch(`${simulator.url}/simulator/faults`, {
      method: 'PUT',
      body: JSON.stringify({ errorRate: 0.8, resetRate: 0.8 }),
    });
    expect(bad.status).toBe(400);
  });
});
