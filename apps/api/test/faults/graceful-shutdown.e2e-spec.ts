import { Agent, request } from 'undici';
import { customerTokenBody, TEST_API_KEY } from '../support/api-harness';
import { startExternalProviders, type ExternalProviders } from '../reliability/support/external-providers';
import { startAppProcess, type AppProcess } from './support/app-process';

const KLARNA_LATENCY_MS = 1500;
const GRACE_MS = 400;
const CREATES = 12;

interface Answer {
  status: number;
  body: { tokenId?: string; code?: string };
  connection?: string;
}

/** POSTs a create and reads its answer; a connection reset or an empty reply rejects. */
async function create(app: AppProcess, agent: Agent, authorizationToken: string, key: string): Promise<Answer> {
  const response = await request(`${app.url}/v1/klarna/customer-tokens`, {
    method: 'POST',
    dispatcher: agent,
    headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(customerTokenBody(authorizationToken)),
  });
  return {
    status: response.statusCode,
    body: (await response.body.json()) as Answer['body'],
    connection: response.headers['connection'] as string | undefined,
  };
}

async function status(url: string, agent: Agent): Promise<number> {
  const response = await request(url, { dispatcher: agent });
  await response.body.dump();
  return response.statusCode;
}

describe('Graceful shutdown under load (the API in a child process, Klarna slowed)', () => {
  let providers: ExternalProviders;
  let app: AppProcess | undefined;
  let agent: Agent;

  beforeAll(async () => {
    providers = await startExternalProviders();
    agent = new Agent({ connections: 50, keepAliveTimeout: 30_000 });
  });

  afterEach(async () => {
    await app?.dispose();
    app = undefined;
    providers.klarna.faults.reset();
  });

  afterAll(async () => {
    await agent?.destroy();
    await providers?.close();
  });

  it('on SIGTERM: readiness 503 at once, every create in flight answered, the ledger matches the answers, the process exits 0', async () => {
    app = await startAppProcess({ ...providers.env, API_KEYS: TEST_API_KEY, SHUTDOWN_GRACE_MS: String(GRACE_MS), LOG_LEVEL: 'warn' });
    expect(await status(`${app.url}/health/live`, agent)).toBe(200);
    providers.klarna.faults.set({ latencyMs: KLARNA_LATENCY_MS });
    const authorizations = Array.from({ length: CREATES }, () => providers.klarna.mintAuthorization().authorizationToken);
    const ledgerBefore = providers.klarna.ledger.length;
    const answers = authorizations.map((token, i) => create(app as AppProcess, agent, token, `shutdown-${i}`));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the creates are at Klarna now
    app.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Draining: readiness refuses at once while the listener still takes requests for the grace period.
    expect(await status(`${app.url}/health/ready`, agent)).toBe(503);

    const settled = await Promise.allSettled(answers);
    const exit = await app.exited;
    const answered = settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : { status: 0, body: {} }));
    expect(answered.map((answer) => answer.status)).toEqual(Array(CREATES).fill(201));
    const ledger = providers.klarna.ledger
      .slice(ledgerBefore)
      .map((entry) => entry.tokenId)
      .sort();
    expect(ledger).toEqual(answered.map((answer) => answer.body.tokenId).sort());
    expect(exit).toEqual({ code: 0, signal: null });
    expect(app.output()).toMatch(/Shutdown complete/);
  }, 60_000);

  it('a second signal forces the exit at once and logs what was cut', async () => {
    app = await startAppProcess({ ...providers.env, API_KEYS: TEST_API_KEY, SHUTDOWN_GRACE_MS: '0', LOG_LEVEL: 'warn' });
    providers.klarna.faults.set({ latencyMs: 5_000 });
    const token = providers.klarna.mintAuthorization().authorizationToken;
    const pending = create(app, agent, token, 'cut-1').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalledAt = Date.now();
    app.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    app.child.kill('SIGTERM');
    const exit = await app.exited;
    expect(Date.now() - signalledAt).toBeLessThan(3_000);
    expect(exit.code).toBe(1);
    expect(app.output()).toMatch(
      /Shutdown cut short \(second SIGTERM\): 1 request\(s\) in flight were cut: POST \/v1\/klarna\/customer-tokens ×1/,
    );
    await pending;
  }, 60_000);

  it('the hard deadline (SHUTDOWN_TIMEOUT_MS) forces the exit when a request outlives it', async () => {
    app = await startAppProcess({
      ...providers.env,
      API_KEYS: TEST_API_KEY,
      SHUTDOWN_GRACE_MS: '0',
      SHUTDOWN_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'warn',
    });
    providers.klarna.faults.set({ latencyMs: 5_000 });
    const token = providers.klarna.mintAuthorization().authorizationToken;
    const pending = create(app, agent, token, 'deadline-1').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalledAt = Date.now();
    app.child.kill('SIGTERM');
    const exit = await app.exited;
    expect(Date.now() - signalledAt).toBeLessThan(3_000);
    expect(exit.code).toBe(1);
    expect(app.output()).toMatch(/Shutdown cut short \(deadline of 1000 ms\): 1 request\(s\) in flight/);
    await pending;
  }, 60_000);
});
