import { ConfigurableModuleBuilder, Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import {
  GetAccessToken,
  IssueCustomerToken,
  StoreUnavailableError,
  SystemClock,
  type AccessTokenCache,
  type IdempotencyStore,
} from '@paytokens/domain';
import {
  connectAdmin,
  deleteKeysWithPrefix,
  describeWithRedis,
  describeWithRedisServer,
  PrivateRedisServer,
  redisTestUrl,
  uniqueTestPrefix,
} from '@paytokens/testing';
import { PaytokensRedisHealthIndicator } from '../terminus';
import { CountingGateway, customerTokenRequest, SlowCountingIssuer } from '../testing/domain-doubles';
import type { RedisConnection } from '../lib/redis-connection';
import type { RedisStores, RedisStoresLogger } from '../lib/redis-stores';
import { PAYTOKENS_REDIS_ACCESS_TOKEN_CACHE, PAYTOKENS_REDIS_IDEMPOTENCY_STORE, PAYTOKENS_REDIS_STORES } from './paytokens-redis.constants';
import { InjectRedisConnection } from './paytokens-redis.decorators';
import { PaytokensRedisModule } from './paytokens-redis.module';
import type { PaytokensRedisModuleOptions } from './paytokens-redis.module-definition';

// A provider module shaped like KlarnaModule / ZenkiModule: it takes its stores as options through forRootAsync.
interface TokensModuleOptions {
  cache: AccessTokenCache;
  idempotencyStore: IdempotencyStore;
  issuer: SlowCountingIssuer;
  gateway: CountingGateway;
}
const TOKENS_OPTIONS = Symbol('tokens-options');
const { ConfigurableModuleClass } = new ConfigurableModuleBuilder<TokensModuleOptions>({ optionsInjectionToken: TOKENS_OPTIONS })
  .setClassMethodName('forRoot')
  .build();
@Module({
  providers: [
    {
      provide: GetAccessToken,
      inject: [TOKENS_OPTIONS],
      useFactory: (o: TokensModuleOptions) =>
        new GetAccessToken(o.issuer, o.cache, new SystemClock(), { cacheKey: 'provider:merchant-1', lockPollMs: 20 }),
    },
    {
      provide: IssueCustomerToken,
      inject: [TOKENS_OPTIONS],
      useFactory: (o: TokensModuleOptions) => new IssueCustomerToken(o.gateway, o.idempotencyStore),
    },
  ],
  exports: [GetAccessToken, IssueCustomerToken],
})
class TokensModule extends ConfigurableModuleClass {}

@Injectable()
class ConnectionHolder {
  constructor(@InjectRedisConnection() readonly connection: RedisConnection) {}
}

/** Lines a test logger received, by level. */
function captureLogger(): RedisStoresLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (m) => lines.push(`log ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

/** One consumer app instance: the Redis module once at the root, the provider module fed from its tokens. */
async function startInstance(
  redis: PaytokensRedisModuleOptions,
  doubles: { issuer: SlowCountingIssuer; gateway: CountingGateway },
): Promise<INestApplicationContext> {
  @Module({
    imports: [
      PaytokensRedisModule.forRoot(redis),
      TokensModule.forRootAsync({
        inject: [PAYTOKENS_REDIS_ACCESS_TOKEN_CACHE, PAYTOKENS_REDIS_IDEMPOTENCY_STORE],
        useFactory: (cache: AccessTokenCache, idempotencyStore: IdempotencyStore) => ({ cache, idempotencyStore, ...doubles }),
      }),
      TerminusModule.forRoot({ logger: false }),
    ],
    providers: [ConnectionHolder, PaytokensRedisHealthIndicator],
  })
  class ConsumerAppModule {}
  const app = await NestFactory.createApplicationContext(ConsumerAppModule, { logger: false });
  app.enableShutdownHooks();
  return app;
}

describeWithRedis('PaytokensRedisModule against the shared Redis (unique prefix)', () => {
  const prefix = uniqueTestPrefix();
  const doubles = { issuer: new SlowCountingIssuer(100), gateway: new CountingGateway() };
  const apps: INestApplicationContext[] = [];

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await deleteKeysWithPrefix(redisTestUrl, prefix);
  });

  it('shares one token fetch and the idempotency records between two instances, and reports up', async () => {
    const logger = captureLogger();
    apps.push(
      await startInstance({ url: redisTestUrl, keyPrefix: prefix, logger }, doubles),
      await startInstance({ url: redisTestUrl, keyPrefix: prefix }, doubles),
    );
    const [a, b] = apps;
    expect(logger.lines).toEqual([
      expect.stringMatching(/^warn REDIS VALUES ARE NOT ENCRYPTED: no encryption keys were configured/),
      expect.stringMatching(
        /^log Sharing access tokens and idempotency records through redis:\/\/127\.0\.0\.1:\d+ \(key prefix "paytokens-test:/,
      ),
    ]);

    const tokens = await Promise.all([a.get(GetAccessToken).execute(), b.get(GetAccessToken).execute(), b.get(GetAccessToken).execute()]);
    expect(doubles.issuer.calls).toBe(1);
    expect(new Set(tokens.map((token) => token.value.reveal())).size).toBe(1);

    const first = await a.get(IssueCustomerToken).execute(customerTokenRequest(), { idempotencyKey: 'order-1' });
    const retried = await b.get(IssueCustomerToken).execute(customerTokenRequest(), { idempotencyKey: 'order-1' });
    expect(retried.token.tokenId).toBe(first.token.tokenId);
    expect(doubles.gateway.creates).toBe(1);

    const admin = await connectAdmin(redisTestUrl);
    try {
      const [, keys] = await admin.scan('0', 'MATCH', `${prefix}*`, 'COUNT', 1000);
      expect(keys.some((key) => key.startsWith(`${prefix}token:`))).toBe(true);
      expect(keys.some((key) => key.startsWith(`${prefix}idem:`))).toBe(true);
    } finally {
      await admin.quit();
    }

    const health = await a.get(PaytokensRedisHealthIndicator).isHealthy();
    expect(health).toEqual({
      redis: {
        status: 'up',
        kind: 'redis',
        latencyMs: expect.any(Number),
        tokenCache: 'shared',
        idempotency: 'available',
        encryption: 'off',
        unreadableValues: 0,
      },
    });
  });

  it('closes the connection on application shutdown', async () => {
    const app = await startInstance({ url: redisTestUrl, keyPrefix: prefix }, doubles);
    const { connection } = app.get(ConnectionHolder);
    expect(connection.status).toBe('ready');
    const ended = new Promise<void>((resolve) => connection.once('end', () => resolve()));
    await app.close();
    // Bounded: a connection left open would otherwise only show as a hung test.
    await expect(
      Promise.race([ended.then(() => 'ended'), new Promise((resolve) => setTimeout(resolve, 2000, 'still open'))]),
    ).resolves.toBe('ended');
    expect(connection.status).toBe('end');
  });

  it('forRootAsync takes its options from an imported config module', async () => {
    const REDIS_SETTINGS = Symbol('redis-settings');
    const encryption = { keys: `k1:${Buffer.alloc(32, 7).toString('base64')}` };
    @Module({
      providers: [{ provide: REDIS_SETTINGS, useValue: { url: redisTestUrl, keyPrefix: prefix, encryption } }],
      exports: [REDIS_SETTINGS],
    })
    class SettingsModule {}
    @Module({
      imports: [
        PaytokensRedisModule.forRootAsync({
          imports: [SettingsModule],
          inject: [REDIS_SETTINGS],
          useFactory: (settings: PaytokensRedisModuleOptions) => settings,
        }),
      ],
    })
    class AsyncAppModule {}
    const app = await NestFactory.createApplicationContext(AsyncAppModule, { logger: false });
    try {
      const stores = app.get<RedisStores>(PAYTOKENS_REDIS_STORES);
      expect(stores.target).toBe(redisTestUrl.replace(/:[^:@/]*@/, ':***@'));
      expect(await stores.health()).toMatchObject({ status: 'up', encryption: 'on', encryptionKeyId: 'k1' });
    } finally {
      await app.close();
    }
  });
});

describeWithRedisServer('PaytokensRedisModule while Redis is down (private redis-server)', () => {
  let server: PrivateRedisServer;
  let app: INestApplicationContext | undefined;

  afterEach(async () => {
    await app?.close();
    await server?.stop();
  });

  it('starts degraded, serves tokens from the fallback, refuses idempotent work, reports down, then recovers', async () => {
    server = await PrivateRedisServer.notStarted();
    const logger = captureLogger();
    const doubles = { issuer: new SlowCountingIssuer(10), gateway: new CountingGateway() };
    app = await startInstance(
      { url: server.url, keyPrefix: uniqueTestPrefix(), startupWaitMs: 200, commandTimeoutMs: 300, retryPrimaryAfterMs: 100, logger },
      doubles,
    );
    expect(logger.lines.filter((line) => line.includes(`did not answer within 200 ms: starting without it`))).toHaveLength(1);

    const token = await app.get(GetAccessToken).execute();
    expect((await app.get(GetAccessToken).execute()).value.reveal()).toBe(token.value.reveal());
    expect(doubles.issuer.calls).toBe(1);
    await expect(app.get(IssueCustomerToken).execute(customerTokenRequest(), { idempotencyKey: 'order-down' })).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(doubles.gateway.creates).toBe(0);
    const indicator = app.get(PaytokensRedisHealthIndicator);
    expect(await indicator.isHealthy()).toEqual({
      redis: expect.objectContaining({ status: 'down', tokenCache: 'in-process fallback', idempotency: 'unavailable' }),
    });

    await server.restart();
    const deadline = Date.now() + 10_000;
    while ((await indicator.isHealthy()).redis.status !== 'up' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await app.get(GetAccessToken).execute();
    expect(await indicator.isHealthy()).toEqual({
      redis: expect.objectContaining({ status: 'up', tokenCache: 'shared', idempotency: 'available' }),
    });
    await expect(app.get(IssueCustomerToken).execute(customerTokenRequest(), { idempotencyKey: 'order-up' })).resolves.toMatchObject({
      token: { tokenId: 'ct_1' },
    });
    expect(logger.lines.some((line) => line.startsWith('error Redis failed on the access-token path'))).toBe(true);
    expect(logger.lines.some((line) => line.startsWith('warn Redis answers again: access tokens are shared again'))).toBe(true);
  }, 20_000);
});
