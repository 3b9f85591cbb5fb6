// The circuit breakers through the whole app: fail fast while a provider is down, readiness, ProviderEvents, logs.
import { ProviderEvents, type CircuitStateChange, type ProviderCallEvent } from '../../src/resilience/provider-events';
import { customerTokenBody, mintAuthorization, startTestApi, type TestApi } from '../support/api-harness';
import { eventually, readiness, sleep } from './support/external-providers';

const HALF_OPEN_MS = 400;

describe('Circuit breakers (e2e)', () => {
  describe('Klarna', () => {
    let api: TestApi;
    let events: ProviderEvents;
    const calls: ProviderCallEvent[] = [];
    const changes: CircuitStateChange[] = [];

    beforeAll(async () => {
      api = await startTestApi({
        KLARNA_CIRCUIT_FAILURES: '3',
        KLARNA_CIRCUIT_HALF_OPEN_MS: String(HALF_OPEN_MS),
        READINESS_CACHE_MS: '0',
      });
      events = api.app.get(ProviderEvents);
      events.onProviderCall((event) => calls.push(event));
      events.onCircuitStateChange((change) => changes.push(change));
    });
    afterAll(() => api.close());

    const create = async (description: string) =>
      api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(await mintAuthorization(api), { description }) });

    it('opens after KLARNA_CIRCUIT_FAILURES faults, then answers 503 with Retry-After without calling Klarna', async () => {
      const klarna = api.simulators!.klarna;
      expect(events.circuits()).toEqual([
        { provider: 'klarna', account: 'default', state: 'closed', enabled: true },
        { provider: 'zenki', account: 'default', state: 'closed', enabled: true },
      ]);
      klarna.faults.set({ failNext: 3, failNextKind: 'error' });
      for (let i = 0; i < 3; i++) {
        const failed = await create(`fault ${i}`);
        expect(failed.status).toBe(502);
        expect(failed.body.code).toBe('PROVIDER_UNAVAILABLE');
      }
      const creates = klarna.requestCounts.create;

      const refused = await create('refused');
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body).toMatchObject({
        code: 'PROVIDER_UNAVAILABLE',
        provider: 'klarna',
        detail: expect.stringMatching(/^Klarna is unavailable \(circuit open/),
      });
      expect(klarna.requestCounts.create).toBe(creates);
      expect(events.circuit('klarna')).toEqual({
        provider: 'klarna',
        account: 'default',
        state: 'open',
        enabled: true,
        retryAfterSeconds: 1,
      });
    });

    it('shows the open circuit in readiness: Klarna down', async () => {
      const ready = await readiness(api);
      expect(ready.status).toBe(503);
      expect(ready.body.error.klarna).toMatchObject({ status: 'down', circuit: 'open', retryAfterSeconds: 1 });
      expect(ready.body.info.zenki).toMatchObject({ status: 'up', circuit: 'closed' });
    });

    it('lets a probe through after KLARNA_CIRCUIT_HALF_OPEN_MS and closes on its success', async () => {
      await sleep(HALF_OPEN_MS + 50);
      const ready = await readiness(api);
      expect(ready.status).toBe(200);
      expect(ready.body.details.klarna).toMatchObject({ status: 'up', circuit: 'half-open' });

      expect((await create('probe')).status).toBe(201);
      expect(events.circuit('klarna')?.state).toBe('closed');
      expect(changes).toEqual([
        { provider: 'klarna', account: 'default', state: 'open' },
        { provider: 'klarna', account: 'default', state: 'half-open' },
        { provider: 'klarna', account: 'default', state: 'closed' },
      ]);
    });

    it('published every Klarna call to ProviderEvents, the refused one as circuit-open', () => {
      expect(calls.filter((c) => c.provider === 'klarna').map((c) => `${c.operation}:${c.outcome}:${c.status ?? '-'}`)).toEqual([
        'create:PROVIDER_UNAVAILABLE:503',
        'create:PROVIDER_UNAVAILABLE:503',
        'create:PROVIDER_UNAVAILABLE:503',
        'create:circuit-open:-',
        'create:success:200',
      ]);
    });

    it('logged the opening and the closing once each', () => {
      const lines = api.logs.lines.filter((line) => line.includes('Klarna circuit'));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('Klarna circuit open');
      expect(lines[1]).toContain('Klarna circuit closed');
    });
  });

  describe('Zenki', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startTestApi({ ZENKI_CIRCUIT_FAILURES: '2', ZENKI_CIRCUIT_HALF_OPEN_MS: String(HALF_OPEN_MS), READINESS_CACHE_MS: '0' });
    });
    afterAll(() => api.close());

    it('opens after ZENKI_CIRCUIT_FAILURES failed fetches (each after its retries), then refuses without a request', async () => {
      const zenki = api.simulators!.zenki;
      zenki.faults.set({ errorRate: 1, target: 'token' });
      for (let i = 0; i < 2; i++) expect((await api.call('POST', '/v1/zenki/access-tokens')).status).toBe(502);
      const requests = zenki.tokenRequests;
      expect(requests).toBe(6);

      const refused = await api.call('POST', '/v1/zenki/access-tokens');
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body).toMatchObject({
        code: 'PROVIDER_UNAVAILABLE',
        provider: 'zenki',
        detail: expect.stringMatching(/^Zenki is unavailable \(circuit open/),
      });
      const ready = await readiness(api);
      expect(ready.status).toBe(503);
      expect(ready.body.error.zenki).toMatchObject({ status: 'down', circuit: 'open', accessToken: 'unavailable' });
      expect(zenki.tokenRequests).toBe(requests);
    });

    it('recovers through a probe once Zenki is back', async () => {
      api.simulators!.zenki.faults.reset();
      expect(await eventually(async () => (await api.call('POST', '/v1/zenki/access-tokens')).status === 200, 3000, 100)).toBe(true);
      const ready = await readiness(api);
      expect(ready.body.details.zenki).toMatchObject({ status: 'up', circuit: 'closed', accessToken: 'available' });
    });
  });
});
