// A stalled, frozen or restarted Redis under the running app: a keyed create during the fault answers 503, and
// its retry once Redis answers again goes ahead at once and makes exactly one token. Private redis-server only.
import { createRedisConnection, waitForRedisReady, type RedisConnection } from '@paytokens/adapters-redis';
import { customerTokenBody, mintAuthorization, startTestApi, type TestApi } from '../support/api-harness';
import { describeWithRedisServer, PrivateRedisServer, uniqueTestPrefix } from '@paytokens/testing';

const CUSTOMER_TOKENS = '/v1/klarna/customer-tokens';
const STALL_MS = 1200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

jest.setTimeout(30_000);

describeWithRedisServer('Idempotent creates across Redis stalls (e2e, private redis-server)', () => {
  let server: PrivateRedisServer;
  let admin: RedisConnection;
  let api: TestApi;
  let orders = 0;

  beforeAll(async () => {
    server = await PrivateRedisServer.start();
    admin = createRedisConnection({ url: server.url, commandTimeoutMs: 5000, onError: () => undefined });
    await waitForRedisReady(admin, 5000);
    api = await startTestApi({ REDIS_URL: server.url, REDIS_KEY_PREFIX: uniqueTestPrefix(), REDIS_COMMAND_TIMEOUT_MS: '300' });
    // As in a service that has been running: the idempotency scripts are loaded.
    expect((await create(`warm-up`, customerTokenBody(await mintAuthorization(api)))).status).toBe(201);
  });

  afterAll(async () => {
    await api?.close();
    admin?.disconnect();
    await server?.stop();
  });

  function create(key: string, json: Record<string, unknown>) {
    return api.call('POST', CUSTOMER_TOKENS, { json, headers: { 'idempotency-key': key } });
  }

  /** Retries `key` until it is no longer refused, at most `ms`; the answers seen on the way. */
  async function retryUntilAnswered(key: string, json: Record<string, unknown>, ms = 4000) {
    const seen: number[] = [];
    const deadline = Date.now() + ms;
    for (;;) {
      const answer = await create(key, json);
      seen.push(answer.status);
      if (answer.status === 201 || Date.now() > deadline) return { answer, seen };
      await sleep(100);
    }
  }

  const faults: [string, () => Promise<void>][] = [
    ['paused (CLIENT PAUSE)', async () => void admin.call('CLIENT', 'PAUSE', String(STALL_MS), 'ALL').catch(() => undefined)],
    [
      'frozen (SIGSTOP, then SIGCONT)',
      async () => {
        server.pause();
        setTimeout(() => server.resume(), STALL_MS).unref();
      },
    ],
    [
      'killed and restarted',
      async () => {
        await server.kill();
        setTimeout(() => void server.restart(), STALL_MS).unref();
      },
    ],
  ];

  it.each(faults)(
    '%s: the create answers 503, its retry goes ahead within seconds, one token in the ledger, then replays',
    async (_name, fault) => {
      const key = `stall-${++orders}`;
      const json = customerTokenBody(await mintAuthorization(api), { description: `Plan stall-${orders}` });
      const ledgerBefore = api.simulators!.klarna.ledger.length;
      await fault();
      await sleep(50);
      const during = await create(key, json);
      expect(during.status).toBe(503);
      expect(during.body.code).toBe('STORE_UNAVAILABLE');
      const startedAt = Date.now();
      const { answer, seen } = await retryUntilAnswered(key, json);
      expect(answer.status).toBe(201);
      // Never "in progress" for minutes: only 503s while Redis is away, then the answer.
      expect(seen.filter((status) => status !== 503 && status !== 201)).toEqual([]);
      expect(Date.now() - startedAt).toBeLessThan(STALL_MS + 3000);
      expect(api.simulators!.klarna.ledger.length - ledgerBefore).toBe(1);
      const replay = await create(key, json);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.tokenId).toBe(answer.body.tokenId);
      expect(api.simulators!.klarna.ledger.length - ledgerBefore).toBe(1);
    },
  );
});
