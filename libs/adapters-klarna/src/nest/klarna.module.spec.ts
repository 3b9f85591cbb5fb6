import { inspect } from 'node:util';
import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService, registerAs } from '@nestjs/config';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  CancelCustomerToken,
  CUSTOMER_TOKEN_GATEWAY,
  CustomerTokenRequest,
  IDEMPOTENCY_STORE,
  InMemoryIdempotencyStore,
  IssueCustomerToken,
  ReadCustomerToken,
  ChargeCustomerToken,
  PAYMENT_SESSION_GATEWAY,
  PaymentSessionRequest,
  TokenChargeRequest,
} from '@paytokens/domain';
import { ProviderCircuit, type ProviderCallEvent } from '@paytokens/provider-kit';
// Imported as a consumer imports them: from the package's public entry points only.
import {
  InjectKlarnaCustomerTokens,
  InjectKlarnaOptions,
  InjectKlarnaPaymentSessions,
  InjectKlarnaTokenCharges,
  KlarnaPaymentSessionGateway,
  KlarnaPaymentSessions,
  KlarnaTokenCharges,
  klarnaPaymentSessionsToken,
  klarnaTokenChargesToken,
  KlarnaCustomerTokenGateway,
  KlarnaCustomerTokens,
  KlarnaModule,
  klarnaCircuitToken,
  klarnaCustomerTokensToken,
  klarnaGatewayToken,
  klarnaOptionsToken,
  ResolvedKlarnaOptions,
  type KlarnaModuleOptions,
  type KlarnaOptionsFactory,
} from '..';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '../simulator';

@Injectable()
class TokenConsumer {
  constructor(
    @InjectKlarnaCustomerTokens() readonly tokens: KlarnaCustomerTokens,
    @InjectKlarnaOptions() readonly options: ResolvedKlarnaOptions,
  ) {}
}

const newRequest = (authorizationToken: string) =>
  CustomerTokenRequest.create({
    authorizationToken,
    purchaseCountry: 'GB',
    purchaseCurrency: 'GBP',
    locale: 'en-GB',
    description: 'Plan',
    intendedUse: 'SUBSCRIPTION',
  });

describe('KlarnaModule', () => {
  let simulator: KlarnaSimulator;
  const modules: TestingModule[] = [];

  beforeAll(async () => {
    simulator = await KlarnaSimulator.start();
  });
  afterEach(async () => {
    await Promise.all(modules.splice(0).map((m) => m.close()));
  });
  afterAll(() => simulator.close());

  async function compile(imports: unknown[], providers: unknown[] = []): Promise<TestingModule> {
    const moduleRef = await Test.createTestingModule({ imports: imports as never[], providers: providers as never[] }).compile();
    modules.push(moduleRef);
    return moduleRef;
  }

  async function issueReadCancel(moduleRef: TestingModule, account?: string): Promise<void> {
    const tokens = moduleRef.get<KlarnaCustomerTokens>(klarnaCustomerTokensToken(account));
    const { authorizationToken } = simulator.mintAuthorization({ paymentMethodType: 'CARD' });

    const first = await tokens.issue(newRequest(authorizationToken), { idempotencyKey: 'order-1' });
    const replay = await tokens.issue(newRequest(authorizationToken), { idempotencyKey: 'order-1' });
    expect(first.replayed).toBe(false);
    expect(replay).toMatchObject({ replayed: true, token: { tokenId: first.token.tokenId } });

    expect(await tokens.read(first.token.tokenId)).toMatchObject({ status: 'ACTIVE', paymentMethodType: 'CARD' });
    await tokens.cancel(first.token.tokenId);
    expect((await tokens.read(first.token.tokenId)).status).toBe('CANCELLED');
  }

  it('forRoot wires the use cases to Klarna (here the simulator)', async () => {
    const moduleRef = await compile([
      KlarnaModule.forRoot({ username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD, baseUrl: simulator.url }),
    ]);
    expect(moduleRef.get(klarnaGatewayToken())).toBeInstanceOf(KlarnaCustomerTokenGateway);
    expect(moduleRef.get(klarnaCustomerTokensToken())).toBeInstanceOf(KlarnaCustomerTokens);
    // The domain's generic keys are bound only on request.
    expect(() => moduleRef.get(CUSTOMER_TOKEN_GATEWAY)).toThrow();
    expect(() => moduleRef.get(IssueCustomerToken)).toThrow();
    await issueReadCancel(moduleRef);
  });

  it('registers named accounts side by side; sharing one idempotency store, the same key under each is two operations', async () => {
    const naSimulator = await KlarnaSimulator.start();
    try {
      const store = new InMemoryIdempotencyStore();
      const account = (name: string, url: string) =>
        KlarnaModule.forRoot({
          account: name,
          username: SIMULATOR_USERNAME,
          password: SIMULATOR_PASSWORD,
          baseUrl: url,
          idempotencyStore: store,
        });
      @Injectable()
      class TwoAccounts {
        constructor(
          @InjectKlarnaCustomerTokens('eu') readonly eu: KlarnaCustomerTokens,
          @InjectKlarnaCustomerTokens('na') readonly na: KlarnaCustomerTokens,
        ) {}
      }
      const moduleRef = await compile([account('eu', simulator.url), account('na', naSimulator.url)], [TwoAccounts]);
      const { eu, na } = moduleRef.get(TwoAccounts);
      expect([eu.account, na.account]).toEqual(['eu', 'na']);
      expect(moduleRef.get<KlarnaCustomerTokenGateway>(klarnaGatewayToken('na')).baseUrl).toBe(naSimulator.url);
      expect(moduleRef.get(klarnaCircuitToken('eu'))).not.toBe(moduleRef.get(klarnaCircuitToken('na')));

      const inEu = await eu.issue(newRequest(simulator.mintAuthorization().authorizationToken), { idempotencyKey: 'order-1001' });
      const inNa = await na.issue(newRequest(naSimulator.mintAuthorization().authorizationToken), { idempotencyKey: 'order-1001' });
      expect(inNa.replayed).toBe(false);
      expect(inNa.token.tokenId).not.toBe(inEu.token.tokenId);
      expect(store.size).toBe(2);
      // Each token lives at its own account's Klarna only.
      await expect(na.read(inEu.token.tokenId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(eu.read(inEu.token.tokenId)).resolves.toMatchObject({ status: 'ACTIVE' });
    } finally {
      await naSimulator.close();
    }
  });

  it('injects the recurring flow per account: payment sessions and token charges, on the account gateway pool', async () => {
    @Injectable()
    class FlowConsumer {
      constructor(
        @InjectKlarnaPaymentSessions('eu') readonly sessions: KlarnaPaymentSessions,
        @InjectKlarnaTokenCharges('eu') readonly charges: KlarnaTokenCharges,
      ) {}
    }
    const moduleRef = await compile(
      [
        KlarnaModule.forRoot({
          account: 'eu',
          username: SIMULATOR_USERNAME,
          password: SIMULATOR_PASSWORD,
          baseUrl: simulator.url,
          bindDomainPorts: true,
        }),
      ],
      [FlowConsumer],
    );
    const { sessions, charges } = moduleRef.get(FlowConsumer);
    expect([sessions.account, charges.account]).toEqual(['eu', 'eu']);
    expect(moduleRef.get(klarnaPaymentSessionsToken('eu'))).toBe(sessions);
    expect(moduleRef.get(klarnaTokenChargesToken('eu'))).toBe(charges);
    expect(moduleRef.get(ChargeCustomerToken)).toBeInstanceOf(ChargeCustomerToken);
    expect(moduleRef.get(PAYMENT_SESSION_GATEWAY)).toBeInstanceOf(KlarnaPaymentSessionGateway);
    const session = await sessions.create(
      PaymentSessionRequest.create({
        purchaseCountry: 'GB',
        purchaseCurrency: 'GBP',
        locale: 'en-GB',
        orderAmount: 1000,
        orderLines: [{ name: 'Box', quantity: 1, unitPrice: 1000, totalAmount: 1000 }],
      }),
    );
    expect((await sessions.read(session.sessionId)).intent).toBe('tokenize');
    const { authorizationToken } = simulator.authorizeSession(session.sessionId);
    const tokens = moduleRef.get<KlarnaCustomerTokens>(klarnaCustomerTokensToken('eu'));
    const { token } = await tokens.issue(newRequest(authorizationToken));
    const charge = TokenChargeRequest.create({
      tokenId: token.tokenId,
      purchaseCurrency: 'GBP',
      orderAmount: 1000,
      orderTaxAmount: 0,
      orderLines: [{ name: 'Box', quantity: 1, unitPrice: 1000, totalAmount: 1000 }],
    });
    const first = await charges.charge(charge, { idempotencyKey: 'period-1' });
    expect(await charges.charge(charge, { idempotencyKey: 'period-1' })).toEqual({ order: first.order, replayed: true });
    expect(simulator.orderLedger.filter((o) => o.tokenId === token.tokenId)).toHaveLength(1);
  });

  it('forRootAsync takes the account next to useFactory', async () => {
    const moduleRef = await compile([
      KlarnaModule.forRootAsync({
        account: 'oc',
        useFactory: () => ({ username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD, baseUrl: simulator.url }),
      }),
    ]);
    expect(moduleRef.get<ResolvedKlarnaOptions>(klarnaOptionsToken('oc')).account).toBe('oc');
    expect(() => moduleRef.get(klarnaOptionsToken())).toThrow();
    await issueReadCancel(moduleRef, 'oc');
  });

  it('forRoot defaults to the EU playground with a 10 s timeout', async () => {
    const moduleRef = await compile([KlarnaModule.forRoot({ username: 'PK_user', password: 'secret-password' })]);
    expect(moduleRef.get<ResolvedKlarnaOptions>(klarnaOptionsToken())).toMatchObject({
      baseUrl: 'https://api.playground.klarna.com',
      timeoutMs: 10_000,
    });
    expect(moduleRef.get<KlarnaCustomerTokenGateway>(klarnaGatewayToken()).baseUrl).toBe('https://api.playground.klarna.com');
  });

  it('forRoot picks the host for region and environment', async () => {
    const moduleRef = await compile([
      KlarnaModule.forRoot({ username: 'PK_user', password: 'secret-password', region: 'oc', environment: 'production' }),
    ]);
    expect(moduleRef.get<KlarnaCustomerTokenGateway>(klarnaGatewayToken()).baseUrl).toBe('https://api-oc.klarna.com');
  });

  it('forRootAsync takes its options from a ConfigModule namespace', async () => {
    const klarnaConfig = registerAs('klarna', () => ({
      username: SIMULATOR_USERNAME,
      password: SIMULATOR_PASSWORD,
      baseUrl: simulator.url,
      timeoutMs: 3000,
    }));
    const moduleRef = await compile([
      ConfigModule.forRoot({ ignoreEnvFile: true, load: [] }),
      KlarnaModule.forRootAsync({
        imports: [ConfigModule.forFeature(klarnaConfig)],
        inject: [klarnaConfig.KEY],
        useFactory: (config: KlarnaModuleOptions) => config,
      }),
    ]);
    expect(moduleRef.get<ResolvedKlarnaOptions>(klarnaOptionsToken()).timeoutMs).toBe(3000);
    await issueReadCancel(moduleRef);
  });

  it('forRootAsync with useFactory and inject of a plain provider, a custom idempotency store, and isGlobal', async () => {
    const store = new InMemoryIdempotencyStore();
    @Module({ providers: [{ provide: 'KLARNA_URL', useValue: simulator.url }], exports: ['KLARNA_URL'] })
    class UrlModule {}
    @Module({ providers: [TokenConsumer] })
    class FeatureModule {}

    const moduleRef = await compile([
      KlarnaModule.forRootAsync({
        isGlobal: true,
        bindDomainPorts: true,
        imports: [UrlModule],
        inject: ['KLARNA_URL'],
        useFactory: async (url: string) => ({
          username: SIMULATOR_USERNAME,
          password: SIMULATOR_PASSWORD,
          baseUrl: url,
          idempotencyStore: store,
        }),
      }),
      FeatureModule,
    ]);
    expect(moduleRef.get(IDEMPOTENCY_STORE)).toBe(store);
    expect(moduleRef.get(CUSTOMER_TOKEN_GATEWAY)).toBe(moduleRef.get(klarnaGatewayToken()));
    expect(moduleRef.get(IssueCustomerToken)).toBeInstanceOf(IssueCustomerToken);
    expect(moduleRef.get(ReadCustomerToken)).toBeInstanceOf(ReadCustomerToken);
    expect(moduleRef.get(CancelCustomerToken)).toBeInstanceOf(CancelCustomerToken);
    const consumer = moduleRef.get(TokenConsumer);
    expect(consumer.tokens.account).toBe('default');
    expect(consumer.options.baseUrl).toBe(simulator.url);
    await issueReadCancel(moduleRef);
    expect(store.size).toBe(1);
  });

  it('reports an idempotency record it could not write, and still hands out the token Klarna created', async () => {
    const store = new InMemoryIdempotencyStore();
    store.complete = () => Promise.reject(new Error('store went away'));
    const storeErrors: [string, unknown][] = [];
    const moduleRef = await compile([
      KlarnaModule.forRoot({
        username: SIMULATOR_USERNAME,
        password: SIMULATOR_PASSWORD,
        baseUrl: simulator.url,
        idempotencyStore: store,
        onIdempotencyStoreError: (operation, error) => storeErrors.push([operation, error]),
      }),
    ]);
    const { authorizationToken } = simulator.mintAuthorization();
    const request = CustomerTokenRequest.create({
      authorizationToken,
      purchaseCountry: 'GB',
      purchaseCurrency: 'GBP',
      locale: 'en-GB',
      description: 'Store failure',
      intendedUse: 'SUBSCRIPTION',
    });

    const issued = await moduleRef
      .get<KlarnaCustomerTokens>(klarnaCustomerTokensToken())
      .issue(request, { idempotencyKey: 'key-store-down' });

    expect(issued.token.tokenId).toBeTruthy();
    expect(storeErrors).toEqual([['complete', expect.objectContaining({ message: 'store went away' })]]);
  });

  it('forRootAsync with useClass', async () => {
    @Injectable()
    class KlarnaOptionsService implements KlarnaOptionsFactory {
      constructor(private readonly config: ConfigService) {}
      createKlarnaOptions(): KlarnaModuleOptions {
        return {
          username: this.config.getOrThrow('KLARNA_USERNAME'),
          password: this.config.getOrThrow('KLARNA_PASSWORD'),
          baseUrl: simulator.url,
        };
      }
    }
    const moduleRef = await compile([
      KlarnaModule.forRootAsync({
        imports: [
          ConfigModule.forRoot({
            ignoreEnvFile: true,
            load: [() => ({ KLARNA_USERNAME: SIMULATOR_USERNAME, KLARNA_PASSWORD: SIMULATOR_PASSWORD })],
          }),
        ],
        useClass: KlarnaOptionsService,
      }),
    ]);
    await issueReadCancel(moduleRef);
  });

  it('exports the account circuit breaker under klarnaCircuitToken(), the one the gateway uses, and passes onProviderCall on', async () => {
    const events: ProviderCallEvent[] = [];
    const moduleRef = await compile([
      KlarnaModule.forRoot({
        username: SIMULATOR_USERNAME,
        password: SIMULATOR_PASSWORD,
        baseUrl: simulator.url,
        circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
        onProviderCall: (event) => events.push(event),
      }),
    ]);
    const circuit = moduleRef.get<ProviderCircuit>(klarnaCircuitToken());
    expect(circuit).toBeInstanceOf(ProviderCircuit);
    expect(moduleRef.get<KlarnaCustomerTokenGateway>(klarnaGatewayToken()).circuit).toBe(circuit);
    expect(circuit.settings).toEqual({ consecutiveFailures: 2, halfOpenAfterMs: 60_000 });

    simulator.faults.set({ failNext: 2, failNextKind: 'error' });
    const tokens = moduleRef.get<KlarnaCustomerTokens>(klarnaCustomerTokensToken());
    for (let i = 0; i < 3; i++) await tokens.read('some-token').catch(() => undefined);
    simulator.faults.reset();
    expect(circuit.state).toBe('open');
    expect(events.map((e) => e.outcome)).toEqual(['PROVIDER_UNAVAILABLE', 'PROVIDER_UNAVAILABLE', 'circuit-open']);
  });

  it('closes the gateway pool when the application shuts down', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [KlarnaModule.forRoot({ username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD, baseUrl: simulator.url })],
    }).compile();
    const gateway = moduleRef.get<KlarnaCustomerTokenGateway>(klarnaGatewayToken());
    await moduleRef.init();
    expect(gateway.closed).toBe(false);
    await moduleRef.close();
    expect(gateway.closed).toBe(true);
  });

  describe('refuses to start with bad options, naming the field and never the secret', () => {
    const good: KlarnaModuleOptions = { username: 'PK_user', password: 'Sup3r-Secret-Pa55word' };
    it.each<[string, Partial<Record<keyof KlarnaModuleOptions, unknown>>]>([
      ['username', { username: undefined }],
      ['username', { username: '' }],
      ['username', { username: 'PK:user' }],
      ['password', { password: '' }],
      ['region', { region: 'us' }],
      ['environment', { environment: 'staging' }],
      ['baseUrl', { baseUrl: 'ftp://klarna.example' }],
      ['baseUrl', { baseUrl: 'not a url' }],
      ['baseUrl', { baseUrl: 'https://PK_user:Sup3r-Secret-Pa55word@klarna.example' }],
      ['timeoutMs', { timeoutMs: 0 }],
      ['timeoutMs', { timeoutMs: -5 }],
      ['timeoutMs', { timeoutMs: Number.NaN }],
      ['idempotencyStore', { idempotencyStore: {} }],
      ['circuitBreaker', { circuitBreaker: true }],
      ['circuitBreaker.consecutiveFailures', { circuitBreaker: { consecutiveFailures: 0 } }],
      ['circuitBreaker.halfOpenAfterMs', { circuitBreaker: { halfOpenAfterMs: -1 } }],
      ['onProviderCall', { onProviderCall: 'log' }],
      ['onIdempotencyStoreError', { onIdempotencyStoreError: 'log' }],
    ])('%s: %j', async (field, change) => {
      const options = { ...good, ...change } as KlarnaModuleOptions;
      const error = await Test.createTestingModule({ imports: [KlarnaModule.forRoot(options)] })
        .compile()
        .then(
          () => undefined,
          (e: unknown) => e as Error,
        );
      expect(error).toBeInstanceOf(Error);
      expect(error!.message).toContain(field);
      for (const text of [error!.message, JSON.stringify(error), inspect(error, { depth: 5 }), String(error!.stack)]) {
        expect(text).not.toContain('Sup3r-Secret-Pa55word');
      }
    });

    it('also through forRootAsync', async () => {
      const error = await Test.createTestingModule({
        imports: [KlarnaModule.forRootAsync({ useFactory: () => ({ ...good, region: 'mars' as never }) })],
      })
        .compile()
        .catch((e: unknown) => e as Error);
      expect((error as Error).message).toMatch(/region must be one of eu, na, oc/);
    });
  });

  it('injects the validated options, the password a Secret that never prints', async () => {
    const moduleRef = await compile([KlarnaModule.forRoot({ username: 'PK_user', password: 'secret-password' })], [TokenConsumer]);
    const { options } = moduleRef.get(TokenConsumer);
    expect(options).toBeInstanceOf(ResolvedKlarnaOptions);
    expect(options.password.reveal()).toBe('secret-password');
    expect(`${JSON.stringify(options)} ${inspect(options)}`).not.toContain('secret-password');
  });
});
