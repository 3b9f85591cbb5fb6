import { randomBytes } from 'node:crypto';
import { GetAccessToken, IssueCustomerToken, StoreUnavailableError, SystemClock } from '@paytokens/domain';
import {
  connectAdmin,
  deleteKeysWithPrefix,
  describeWithRedis,
  describeWithRedisServer,
  PrivateRedisServer,
  redisTestUrl,
  scanForReadablePlaintexts,
  uniqueTestPrefix,
} from '@paytokens/testing';
import { CountingGateway, customerTokenRequest, SHOPPER, SlowCountingIssuer } from '../testing/domain-doubles';
import { EncryptionKeyRing } from './encryption/encryption-key-ring';
import { RedisStores, type RedisStoresLogger } from './redis-stores';

const keyEntry = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const ENVELOPE = /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/;
const SHOPPER_PLAINTEXTS = { ...SHOPPER.billingAddress, ...SHOPPER.customer, tokenId: 'ct_1' };

function captureLogger(): RedisStoresLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (m) => lines.push(`log ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

/** One instance's use cases over a set of stores. */
function useCases(
  stores: { tokenCache: RedisStores['tokenCache']; idempotencyStore: RedisStores['idempotencyStore'] },
  issuer: SlowCountingIssuer,
  gateway: CountingGateway,
) {
  return {
    tokens: new GetAccessToken(issuer, stores.tokenCache, new SystemClock(), { cacheKey: 'provider:merchant-1', lockPollMs: 10 }),
    customerTokens: new IssueCustomerToken(gateway, stores.idempotencyStore),
  };
}

describeWithRedis('Encrypted Redis stores (shared Redis, unique prefix)', () => {
  const prefix = uniqueTestPrefix();
  const keys = `${keyEntry('k1')}`;
  const opened: RedisStores[] = [];
  const connect = async (encryptionKeys?: string, logger?: RedisStoresLogger, keyPrefix = prefix) => {
    const stores = await RedisStores.connect({
      url: redisTestUrl,
      keyPrefix,
      logger,
      encryption: encryptionKeys ? { keys: encryptionKeys } : undefined,
    });
    opened.push(stores);
    return stores;
  };

  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await deleteKeysWithPrefix(redisTestUrl, prefix);
  });

  it('leaves nothing readable: every value is an envelope, no token, shopper datum or token id in clear or base64/hex', async () => {
    const stores = await connect(keys);
    const issuer = new SlowCountingIssuer(5);
    const gateway = new CountingGateway();
    const { tokens, customerTokens } = useCases(stores, issuer, gateway);
    const token = await tokens.execute();
    const lock = await stores.tokenCache.tryLock('provider:merchant-1', 60_000);
    const created = await customerTokens.execute(customerTokenRequest(), { idempotencyKey: 'order-pii' });
    expect(created.token.billingAddress?.email).toBe(SHOPPER.billingAddress.email);
    const replay = await customerTokens.execute(customerTokenRequest(), { idempotencyKey: 'order-pii' });
    expect(replay).toMatchObject({
      replayed: true,
      token: { tokenId: 'ct_1', billingAddress: SHOPPER.billingAddress, customer: SHOPPER.customer },
    });

    const scan = await scanForReadablePlaintexts(redisTestUrl, prefix, {
      ...SHOPPER_PLAINTEXTS,
      accessToken: token.value.reveal(),
      idempotencyKey: 'order-pii',
    });
    expect(scan.keys.map((key) => key.slice(prefix.length).split(':')[0]).sort()).toEqual(['idem', 'lock', 'token']);
    expect(scan.values.every((value) => ENVELOPE.test(value))).toBe(true);
    expect(scan.readable).toEqual([]);
    await lock?.release();
    expect(await stores.health()).toMatchObject({ status: 'up', encryption: 'on', encryptionKeyId: 'k1', unreadableValues: 0 });
  });

  it('treats a tampered, swapped or truncated value as a miss (tokens) or a 503 (idempotency), once-per-kind logged, counted, never a wrong answer', async () => {
    const logger = captureLogger();
    const own = `${prefix}tamper:`;
    const stores = await connect(keys, logger, own);
    const issuer = new SlowCountingIssuer(5);
    const gateway = new CountingGateway();
    const { tokens, customerTokens } = useCases(stores, issuer, gateway);
    const first = await tokens.execute();
    const callsAfterFirst = issuer.calls;
    await customerTokens.execute(customerTokenRequest('auth-a'), { idempotencyKey: 'order-a' });
    await customerTokens.execute(customerTokenRequest('auth-b'), { idempotencyKey: 'order-b' });
    const admin = await connectAdmin(redisTestUrl, own);
    try {
      const [tokenKey] = await admin.keys(`${own}token:*`).then((found) => found.map((key) => key.slice(own.length)));
      const stored = (await admin.get(tokenKey)) as string;
      const flipped = Buffer.from(stored.split('.')[3], 'base64url');
      flipped[0] ^= 0x01;
      await admin.set(tokenKey, [...stored.split('.').slice(0, 3), flipped.toString('base64url'), stored.split('.')[4]].join('.'));
      const fresh = await tokens.execute();
      expect(fresh.value.reveal()).not.toBe(first.value.reveal());
      expect(issuer.calls).toBe(callsAfterFirst + 1);

      const idemKeys = (await admin.keys(`${own}idem:*`)).map((key) => key.slice(own.length));
      expect(idemKeys).toHaveLength(2);
      const [a, b] = await Promise.all(idemKeys.map((key) => admin.get(key) as Promise<string>));
      // Swapped: each record is intact but bound to the other key's name.
      await admin.set(idemKeys[0], b);
      await admin.set(idemKeys[1], a);
      await expect(customerTokens.execute(customerTokenRequest('auth-a'), { idempotencyKey: 'order-a' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      await expect(customerTokens.execute(customerTokenRequest('auth-b'), { idempotencyKey: 'order-b' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      const bothOrdersRefused = async () => {
        for (const order of ['a', 'b']) {
          await expect(
            customerTokens.execute(customerTokenRequest(`auth-${order}`), { idempotencyKey: `order-${order}` }),
          ).rejects.toBeInstanceOf(StoreUnavailableError);
        }
      };
      // Truncated, then a forged record in clear: refused too, never replayed.
      await Promise.all([admin.set(idemKeys[0], a.slice(0, a.length - 10)), admin.set(idemKeys[1], b.slice(0, b.length - 10))]);
      await bothOrdersRefused();
      const forged = JSON.stringify({ fingerprint: 'x', state: 'completed', result: { tokenId: 'forged' } });
      await Promise.all(idemKeys.map((key) => admin.set(key, forged)));
      await bothOrdersRefused();
      expect(gateway.creates).toBe(2);
    } finally {
      await admin.quit();
    }
    // The tampered token is read twice: once, then again under the fetch lock before fetching.
    expect((await stores.health()).unreadableValues).toBe(8);
    expect(stores.unreadableValues.snapshot()).toEqual(
      expect.arrayContaining([
        { kind: 'access-token', reason: 'failed-authentication', count: 2 },
        { kind: 'idempotency-record', reason: 'failed-authentication', count: 2 },
        { kind: 'idempotency-record', reason: 'malformed', count: 2 },
        { kind: 'idempotency-record', reason: 'not-encrypted', count: 2 },
      ]),
    );
    const warnings = logger.lines.filter((line) => line.includes('could not be decrypted'));
    expect(warnings).toEqual([expect.stringContaining('access-token value'), expect.stringContaining('idempotency-record value')]);
    expect(warnings.join('\n')).not.toMatch(/v1\.|order-|ct_/);
  });

  it('with a missing or a wrong key, earlier values are misses and 503s; the clear-text start-up warns loudly', async () => {
    const writer = await connect(keys);
    const gateway = new CountingGateway();
    const issuer = new SlowCountingIssuer(5);
    await useCases(writer, issuer, gateway).tokens.execute();
    await useCases(writer, issuer, gateway).customerTokens.execute(customerTokenRequest('auth-c'), { idempotencyKey: 'order-c' });
    const logger = captureLogger();
    for (const reader of [await connect(undefined, logger), await connect(keyEntry('k1'))]) {
      const { tokens, customerTokens } = useCases(reader, issuer, gateway);
      const callsBefore = issuer.calls;
      await tokens.execute({ forceRefresh: false });
      expect(issuer.calls).toBe(callsBefore + 1);
      await expect(customerTokens.execute(customerTokenRequest('auth-c'), { idempotencyKey: 'order-c' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      // Give the writer its token back for the next reader.
      await useCases(writer, issuer, gateway).tokens.execute({ forceRefresh: true });
    }
    expect(gateway.creates).toBe(1);
    expect(logger.lines[0]).toMatch(/^warn REDIS VALUES ARE NOT ENCRYPTED/);
    expect((await opened[opened.length - 2].health()).encryption).toBe('off');
  });

  it("gives each account its own key prefix and ring: another ring cannot read an account's records", async () => {
    const stores = await connect(keys);
    const merchantRing = EncryptionKeyRing.parse(keyEntry('m1'));
    const merchant = stores.forAccount('merchant-eu', merchantRing);
    expect(stores.forAccount('merchant-eu', merchantRing)).toBe(merchant);
    expect(() => stores.forAccount('merchant-eu')).toThrow('already made with another key ring');
    expect(() => stores.forAccount('no spaces')).toThrow(RangeError);
    const gateway = new CountingGateway();
    await useCases(merchant, new SlowCountingIssuer(5), gateway).customerTokens.execute(customerTokenRequest('auth-m'), {
      idempotencyKey: 'order-m',
    });
    const admin = await connectAdmin(redisTestUrl);
    try {
      const accountKeys = await admin.keys(`${prefix}account:merchant-eu:idem:*`);
      expect(accountKeys).toHaveLength(1);
      expect(await admin.get(accountKeys[0])).toMatch(/^v1\.m1\./);
    } finally {
      await admin.quit();
    }
    // The same account name with the default ring (another instance that lost the merchant's key): a 503.
    const other = await connect(keys);
    await expect(
      useCases(other.forAccount('merchant-eu'), new SlowCountingIssuer(5), gateway).customerTokens.execute(customerTokenRequest('auth-m'), {
        idempotencyKey: 'order-m',
      }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(gateway.creates).toBe(1);
  });

  it('refuses a malformed key ring at start-up, naming the entry and never its material', async () => {
    const secret = randomBytes(16).toString('base64');
    await expect(RedisStores.connect({ url: redisTestUrl, keyPrefix: prefix, encryption: { keys: `k1:${secret}` } })).rejects.toThrow(
      'Invalid Redis encryption keys: key "k1" (entry 1) must be 32 random bytes in base64',
    );
  });
});

describeWithRedisServer('Key rotation while traffic runs (private redis-server)', () => {
  let server: PrivateRedisServer;
  const opened: RedisStores[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await server?.stop();
  });

  it('new key first: old records still read, new ones under the new id; old key dropped: old records 503/miss, never a wrong answer', async () => {
    server = await PrivateRedisServer.start();
    const prefix = uniqueTestPrefix();
    const [oldKey, newKey] = [keyEntry('old'), keyEntry('new')];
    const connect = async (keys: string) => {
      const stores = await RedisStores.connect({ url: server.url, keyPrefix: prefix, encryption: { keys } });
      opened.push(stores);
      return stores;
    };
    const gateway = new CountingGateway();
    const issuer = new SlowCountingIssuer(2);
    const answers = new Map<string, string>();
    // One request per key, then replays of every earlier key: each answer must be the token first made for it.
    const traffic = async (instance: ReturnType<typeof useCases>, label: string, count: number) => {
      for (let i = 0; i < count; i++) {
        const key = `${label}-${i}`;
        const { token } = await instance.customerTokens.execute(customerTokenRequest(key), { idempotencyKey: key });
        answers.set(key, token.tokenId);
        await instance.tokens.execute();
      }
    };
    const replayAll = async (instance: ReturnType<typeof useCases>, labels: string[]) => {
      const outcomes: string[] = [];
      for (const [key, tokenId] of answers) {
        if (!labels.some((label) => key.startsWith(`${label}-`))) continue;
        try {
          const { token, replayed } = await instance.customerTokens.execute(customerTokenRequest(key), { idempotencyKey: key });
          expect({ key, tokenId: token.tokenId, replayed }).toEqual({ key, tokenId, replayed: true });
          outcomes.push('replayed');
        } catch (error) {
          expect(error).toBeInstanceOf(StoreUnavailableError);
          outcomes.push('503');
        }
      }
      return outcomes;
    };

    const before = useCases(await connect(oldKey), issuer, gateway);
    await traffic(before, 'old', 10);
    // Rolling deploy: instances with the new key first run next to instances with only the old key, both taking traffic.
    const rotating = useCases(await connect(`${newKey},${oldKey}`), issuer, gateway);
    await Promise.all([traffic(before, 'mixed-old', 10), traffic(rotating, 'mixed-new', 10), replayAll(rotating, ['old'])]);
    expect(await replayAll(rotating, ['old', 'mixed-old', 'mixed-new'])).toEqual(Array(30).fill('replayed'));
    const admin = await connectAdmin(server.url, prefix);
    try {
      const idemKeys = await admin.keys(`${prefix}idem:*`);
      const values = await Promise.all(idemKeys.map((key) => admin.get(key.slice(prefix.length))));
      expect(values.filter((value) => value?.startsWith('v1.new.'))).toHaveLength(10);
      expect(values.filter((value) => value?.startsWith('v1.old.'))).toHaveLength(20);
    } finally {
      await admin.quit();
    }
    // The old key removed: records written under it are refused (503), the new ones still replay.
    const after = useCases(await connect(newKey), issuer, gateway);
    expect(await replayAll(after, ['mixed-new'])).toEqual(Array(10).fill('replayed'));
    expect(await replayAll(after, ['old', 'mixed-old'])).toEqual(Array(20).fill('503'));
    expect(gateway.creates).toBe(30);
    const callsBefore = issuer.calls;
    await after.tokens.execute();
    expect(issuer.calls).toBeLessThanOrEqual(callsBefore + 1);
  }, 30_000);
});
