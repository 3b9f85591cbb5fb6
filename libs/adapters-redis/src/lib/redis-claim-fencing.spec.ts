import { IssueCustomerToken, StoreUnavailableError } from '@paytokens/domain';
import { CountingGateway, customerTokenRequest } from '../testing/domain-doubles';
import { describeWithRedisServer, PrivateRedisServer } from '@paytokens/testing';
import { connectForTest } from '../testing/test-connection';
import type { RedisConnection } from './redis-connection';
import { RedisIdempotencyStore } from './redis-idempotency-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STALL_MS = 1500;
// A slow command: a script that keeps the (private) server busy, as a heavy command would.
const BUSY_SCRIPT =
  "local t = redis.call('TIME'); local stop = t[1] * 1000000 + t[2] + ARGV[1] * 1000; repeat local n = redis.call('TIME') until n[1] * 1000000 + n[2] >= stop; return 1";

/** Waits until `attempt` resolves (the store answers again), at most `ms`. */
async function untilAnswers(attempt: () => Promise<unknown>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

describeWithRedisServer('Idempotency claims whose write timed out are fenced (private redis-server, stalled)', () => {
  let server: PrivateRedisServer;
  let connection: RedisConnection;
  let admin: RedisConnection;

  beforeAll(async () => {
    server = await PrivateRedisServer.start();
    connection = await connectForTest(server.url, 'paytokens-test:');
    admin = await connectForTest(server.url, '');
    // As in a running service, the claim script is loaded already (a first EVALSHA during the stall would only fail
    // NOSCRIPT); the release script is not, as when no create has failed yet.
    const warm = new RedisIdempotencyStore(connection);
    await warm.begin('warm-up', 'fp', 1000, 'claim');
    await warm.complete('warm-up', 'fp', 'done', 1000);
  });

  afterAll(async () => {
    connection?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  const stalls: [string, () => void][] = [
    ['paused (CLIENT PAUSE)', () => void admin.call('CLIENT', 'PAUSE', String(STALL_MS), 'WRITE').catch(() => undefined)],
    ['slowed (a slow command holds the server)', () => void admin.eval(BUSY_SCRIPT, 0, String(STALL_MS)).catch(() => undefined)],
    [
      'frozen (SIGSTOP, then SIGCONT)',
      () => {
        server.pause();
        setTimeout(() => server.resume(), STALL_MS).unref();
      },
    ],
  ];

  it.each(stalls)(
    '%s: the create answers 503, and the retry after the stall goes ahead at once and makes exactly one token',
    async (name, stall) => {
      const gateway = new CountingGateway();
      const useCase = new IssueCustomerToken(gateway, new RedisIdempotencyStore(connection));
      const key = `order-${name}`;
      stall();
      await sleep(50);
      const startedAt = Date.now();
      await expect(useCase.execute(customerTokenRequest(), { idempotencyKey: key })).rejects.toBeInstanceOf(StoreUnavailableError);
      // Without fencing the late claim blocks the key for 2 minutes ("in progress").
      await untilAnswers(() => useCase.execute(customerTokenRequest(), { idempotencyKey: key }));
      expect(Date.now() - startedAt).toBeLessThan(STALL_MS + 3000);
      expect(gateway.creates).toBe(1);
      const replay = await useCase.execute(customerTokenRequest(), { idempotencyKey: key });
      expect(replay.replayed).toBe(true);
      expect(gateway.creates).toBe(1);
    },
  );
});
