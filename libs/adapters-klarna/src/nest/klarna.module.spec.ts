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
  type CustomerTokenGateway,
} from '@paytokens/domain';
import { KlarnaCustomerTokenGateway } from '../lib/klarna-customer-token.gateway';
import { KlarnaGatewayConfig } from '../lib/klarna-config';
import type { ProviderCallEvent } from '../lib/provider-call-event';
import { ProviderCircuit } from '../lib/provider-circuit';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '../simulator';
import { KLARNA_CIRCUIT, KLARNA_GATEWAY_CONFIG, KLARNA_MODULE_OPTIONS } from './klarna.constants';
import { InjectCustomerTokenGateway, InjectKlarnaOptions } from './klarna.decorators';
import { KlarnaModule } from './klarna.module';
import type { KlarnaModuleOptions } from './klarna-module-options';

@Injectable()
class TokenConsumer {
  constructor(
    @InjectCustomerTokenGateway() readonly gateway: CustomerTokenGateway,
    @InjectKlarnaOptions() readonly options: KlarnaModuleOptions,
  ) {}
}

const newRequest = (authorizationToken: string) =>
  CustomerTokenRequest.create({ authorizationToken, purchaseCountry: 'GB', purchaseCurrency: 'GBP', locale: 'en-GB', description: 'Plan', intendedUse: 'SUBSCRIPTION' });

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

  async function issueReadCancel(moduleRef: TestingModule): Promise<void> {
    const issue = moduleRef.get(IssueCustomerToken);
    const read = moduleRef.get(ReadCustomerToken);
    const cancel = moduleRef.get(CancelCustomerToken);
    const { authorizationToken } = simulator.mintAuthorization({ paymentMethodType: 'CARD' });

    const first = await issue.execute(newRequest(authorizationToken), { idempotencyKey: 'order-1' });
    const replay = await issue.execute(newRequest(authorizationToken), { idempotencyKey: 'order-1' });
    expect(first.replayed).toBe(false);
    expect(replay).toMatchObject({ replayed: true, token: { tokenId: first.token.tokenId } });

    expect(await read.execute(first.token.tokenId)).toMatchObject({ status: 'ACTIVE', paymentMethodType: 'CARD' });
    await cancel.execute(first.token.tokenId);
    expect((await read.execute(first.token.tokenId)).status).toBe('CANCELLED');
  }

  it('forRoot wires the use cases to Klarna (here the simulator)', async () => {
    const moduleRef = await compile([KlarnaModule.forRoot({ username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD, baseUrl: simulator.url })]);
    expect(moduleRef.get(CUSTOMER_TOKEN_GATEWAY)).toBeInstanceOf(KlarnaCustomerTokenGateway);
    expect(moduleRef.get(CUSTOMER_TOKEN_GATEWAY)).toBe(moduleRef.get(KlarnaCustomerTokenGateway));
    expect(moduleRef.get(IDEMPOTENCY_STORE)).toBeInstanceOf(InMemoryIdempotencyStore);
    await issueReadCancel(moduleRef);
  });

  it('forRoot defaults to the EU playground with a 10 s timeout', async () => {
    const moduleRef = await compile([KlarnaModule.forRoot({ username: 'PK_user', password: 'secret-password' })]);
    expect(moduleRef.get<KlarnaGatewayConfig>(KLARNA_GATEWAY_CONFIG)).toMatchObject({ baseUrl: 'https://api.playground.klarna.com', timeoutMs: 10_000 });
    expect(moduleRef.get(KlarnaCustomerTokenGateway).baseUrl).toBe('https://api.playground.klarna.com');
  });

  it('forRoot picks the host for region and environment', async () => {
    const moduleRef = await compile([KlarnaModule.forRoot({ username: 'PK_user', password: 'secret-password', region: 'oc', environment: 'production' })]);
    expect(moduleRef.get(KlarnaCustomerTokenGateway).baseUrl).toBe('https://api-oc.klarna.com');
  });

  it('forRootAsync takes its options from a ConfigModule namespace', async () => {
    const klarnaConfig = registerAs('klarna', () => ({ username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD, baseUrl: simulator.url, timeoutMs: 3000 }));
    const moduleRef = await compile([
      ConfigModule.forRoot({ ignoreEnvFile: true, load: [] }),
      KlarnaModule.forRootAsync({
        imports: [ConfigModule.forFeature(klarnaConfig)],
        inject: [klarnaConfig.KEY],
        useFactory: (config: KlarnaModuleOptions) => config,
      }),
    ]);
    expect(moduleRef.get<KlarnaGatewayConfig>(KLARNA_GATEWAY_CONFIG).timeoutMs).toBe(3000);
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
        imports: [UrlModule],
        inject: ['KLARNA_URL'],
        useFactory: async (url: string) => ({ username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD, baseUrl: url, idempotencyStore: store }),
      }),
      FeatureModule,
    ]);
    expect(moduleRef.get(IDEMPOTENCY_STORE)).toBe(store);
    const consumer = moduleRef.get(TokenConsumer);
    expect(consumer.gateway).toBeInstanceOf(KlarnaCustomerTokenGateway);
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

    const issued = await moduleRef.get(IssueCustomerToken).execute(request, { idempotencyKey: 'key-store-down' });

    expect(issued.token.tokenId).toBeTruthy();
    expect(storeErrors).toEqual([['complete', expect.objectContaining({ message: 'store went away' })]]);
  });

  it('forRootAsync with useClass', async () => {
    @Injectable()
    class KlarnaOptionsFactory {
      constructor(private readonly config: ConfigService) {}
      create(): KlarnaModuleOptions {
        return { username: this.config.getOrThrow('KLARNA_USERNAME'), password: this.config.getOrThrow('KLARNA_PASSWORD'), baseUrl: simulator.url };
      }
    }
    const moduleRef = await compile([
      KlarnaModule.forRootAsync({
        imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ KLARNA_USERNAME: SIMULATOR_USERNAME, KLARNA_PASSWORD: SIMULATOR_PASSWORD })] })],
        useClass: KlarnaOptionsFactory,
      }),
    ]);
    await issueReadCancel(moduleRef);
  });

  it('exports the circuit breaker under KLARNA_CIRCUIT, the one the gateway uses, and passes onProviderCall on', async () => {
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
    const circuit = moduleRef.get<ProviderCircuit>(KLARNA_CIRCUIT);
    expect(circuit).toBeInstanceOf(ProviderCircuit);
    expect(moduleRef.get(KlarnaCustomerTokenGateway).circuit).toBe(circuit);
    expect(circuit.settings).toEqual({ consecutiveFailures: 2, halfOpenAfterMs: 60_000 });

    simulator.faults.set({ failNext: 2, failNextKind: 'error' });
    const read = moduleRef.get(ReadCustomerToken);
    for (let i = 0; i < 3; i++) await read.execute('some-token').catch(() => undefined);
    simulator.faults.reset();
    expect(circuit.state).toBe('open');
    expect(events.map((e) => e.outcome)).toEqual(['PROVIDER_UNAVAILABLE', 'PROVIDER_UNAVAILABLE', 'circuit-open']);
  });

  it('closes the gateway pool when the application shuts down', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [KlarnaModule.forRoot({ username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD, baseUrl: simulator.url })],
    }).compile();
    const gateway = moduleRef.get(KlarnaCustomerTokenGateway);
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

  it('exposes the options as given under KLARNA_MODULE_OPTIONS', async () => {
    const options = { username: 'PK_user', password: 'secret-password' };
    const moduleRef = await compile([KlarnaModule.forRoot(options)]);
    expect(moduleRef.get(KLARNA_MODULE_OPTIONS)).toMatchObject(options);
  });
});
