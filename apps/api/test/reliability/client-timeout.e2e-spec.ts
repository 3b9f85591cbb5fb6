// The client that gave up: one instance, idempotency records in memory. (many-instances.e2e-spec.ts does the same
// across two instances on Redis.)
import { customerTokenBody, mintAuthorization, startTestApi, type ApiResponse, type TestApi } from '../support/api-harness';
import { eventually, postWithDeadline } from './support/external-providers';

const CUSTOMER_TOKENS = '/v1/klarna/customer-tokens';

describe('A client that times out and retries with its Idempotency-Key (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterEach(() => api.simulators!.klarna.faults.reset());
  afterAll(() => api.close());

  it('gets 409 with Retry-After while Klarna is still working, then the token Klarna created; Klarna made one', async () => {
    const klarna = api.simulators!.klarna;
    const body = customerTokenBody(await mintAuthorization(api), { description: 'Plan order-3001' });
    const headers = { 'idempotency-key': 'order-3001' };
    klarna.faults.set({ latencyMs: 700 });

    expect(await postWithDeadline(api.url, CUSTOMER_TOKENS, body, headers, 150)).toEqual({ aborted: true });

    const whileInFlight = await api.call('POST', CUSTOMER_TOKENS, { json: body, headers });
    expect(whileInFlight.status).toBe(409);
    expect(whileInFlight.body).toMatchObject({ code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS', status: 409 });
    expect(whileInFlight.headers['retry-after']).toBe('1');

    let replay: ApiResponse | undefined;
    const settled = await eventually(
      async () => {
        replay = await api.call('POST', CUSTOMER_TOKENS, { json: body, headers });
        return replay.status !== 409;
      },
      5000,
      100,
    );
    expect(settled).toBe(true);
    expect(replay!.status).toBe(201);
    expect(replay!.headers['idempotent-replayed']).toBe('true');

    const created = klarna.ledger.filter((entry) => entry.request.description === 'Plan order-3001');
    expect(created).toHaveLength(1);
    expect(replay!.body.tokenId).toBe(created[0].tokenId);
    expect(klarna.requestCounts.create).toBe(1);
  });

  it('gets the token at once when it retries after Klarna finished', async () => {
    const klarna = api.simulators!.klarna;
    const body = customerTokenBody(await mintAuthorization(api), { description: 'Plan order-3002' });
    const headers = { 'idempotency-key': 'order-3002' };
    klarna.faults.set({ latencyMs: 300 });
    expect(await postWithDeadline(api.url, CUSTOMER_TOKENS, body, headers, 100)).toEqual({ aborted: true });
    expect(await eventually(() => klarna.ledger.some((entry) => entry.request.description === 'Plan order-3002'), 3000)).toBe(true);
    // The answer is stored right after Klarna's, so the first retry after it may still just miss it.
    expect(await eventually(async () => (await api.call('POST', CUSTOMER_TOKENS, { json: body, headers })).status === 201, 2000, 50)).toBe(
      true,
    );

    const retry = await api.call('POST', CUSTOMER_TOKENS, { json: body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.tokenId).toBe(klarna.ledger.find((entry) => entry.request.description === 'Plan order-3002')!.tokenId);
    expect(klarna.ledger.filter((entry) => entry.request.description === 'Plan order-3002')).toHaveLength(1);
  });
});
