// Klarna stalls, resets, 5xx and a reset after processing, under keyed creates: every answer is a clear
// problem or a token, no token is made twice, the ledger holds exactly the tokens the clients were given, and
// nothing hangs past the provider's deadline.
import type { FaultKind } from '@paytokens/adapters-klarna/simulator';
import { customerTokenBody, mintAuthorization, startTestApi, type TestApi } from '../support/api-harness';

const KLARNA_TIMEOUT_MS = 800;

describe('Provider faults lose and duplicate nothing (e2e)', () => {
  let api: TestApi;
  let orders = 0;

  beforeAll(async () => {
    // The breaker off: every create reaches the simulator, so each fault is seen as it is.
    api = await startTestApi({
      KLARNA_TIMEOUT_MS: String(KLARNA_TIMEOUT_MS),
      KLARNA_CREATE_TIMEOUT_MS: String(KLARNA_TIMEOUT_MS),
      KLARNA_CIRCUIT_FAILURES: '0',
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  afterEach(() => api.simulators!.klarna.faults.reset());

  const cases: [FaultKind, number[]][] = [
    ['error', [502]],
    ['reset', [502]],
    ['stall', [504]],
    ['resetAfterProcessing', [502]],
  ];

  it.each(cases)('%s: answered %j within the deadline, then the retry with the key never makes a second token', async (kind, expected) => {
    const klarna = api.simulators!.klarna;
    const key = `fault-${++orders}`;
    const json = customerTokenBody(await mintAuthorization(api), { description: `Plan fault-${orders}` });
    const ledgerBefore = klarna.ledger.length;
    klarna.faults.set({ failNext: 1, failNextKind: kind });
    const startedAt = Date.now();
    const failed = await api.call('POST', '/v1/klarna/customer-tokens', { json, headers: { 'idempotency-key': key } });
    expect(Date.now() - startedAt).toBeLessThan(KLARNA_TIMEOUT_MS + 1500);
    expect(expected).toContain(failed.status);
    expect(failed.headers['content-type']).toMatch(/application\/problem\+json/);

    const retried = await api.call('POST', '/v1/klarna/customer-tokens', { json, headers: { 'idempotency-key': key } });
    const created = klarna.ledger.slice(ledgerBefore);
    // At most one token for the authorization, whatever the fault.
    expect(created.length).toBeLessThanOrEqual(1);
    if (retried.status === 201) {
      expect(created.map((entry) => entry.tokenId)).toEqual([retried.body.tokenId]);
    } else {
      // The one unrecoverable case the README describes: Klarna made the token, its answer was lost, the authorization is spent.
      expect(kind).toBe('resetAfterProcessing');
      expect(retried.status).toBe(404);
      expect(created).toHaveLength(1);
    }
  });
});
