import { Injectable, Module, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { inspect } from 'node:util';
import {
  ACCESS_TOKEN_CACHE,
  ACCESS_TOKEN_ISSUER,
  GetAccessToken,
  InMemoryAccessTokenCache,
  type AccessTokenCache,
  type AccessTokenEvent,
} from '@paytokens/domain';
import { ProviderCircuit, type ProviderCallEvent } from '@paytokens/provider-kit';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '../simulator';
// Imported as a consumer imports them: from the package's public entry point only.
import {
  InjectZenkiAccessTokens,
  InjectZenkiCache,
  InjectZenkiClient,
  InjectZenkiIssuer,
  InjectZenkiOptions,
  InvalidZenkiOptionsError,
  ZenkiAccessTokenIssuer,
  ZenkiClient,
  ZenkiModule,
  zenkiAccessTokensToken,
  zenkiCacheKey,
  zenkiCacheToken,
  zenkiCircuitToken,
  zenkiClientToken,
  zenkiIssuerToken,
  type ResolvedZenkiOptions,
  type ZenkiModuleOptions,
  type ZenkiOptionsFactory,
  type ZenkiSecretFallbackEvent,
} from '..';

const SECRET = ZENKI_SIMULATOR_CLIENT_SECRET;

/** A consumer, as an application would write one. */
@Injectable()
class TokenConsumer {
  constructor(
    @InjectZenkiIssuer() readonly issuer: ZenkiAccessTokenIssuer,
    @InjectZenkiCache() readonly cache: AccessTokenCache,
    @InjectZenkiOptions() readonly options: ResolvedZenkiOptions,
    @InjectZenkiAccessTokens() readonly getAccessToken: GetAccessToken,
    @InjectZenkiClient() readonly client: ZenkiClient,
  ) {}
}

describe('ZenkiModule', () => {
  let simulator: ZenkiSimulator;
  let moduleRef: TestingModule | undefined;

  beforeEach(async () => {
    simulator = await ZenkiSimulator.start();
  });
  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
    await simulator.close();
  });

  const options = (): ZenkiModuleOptions => ({ clientId: ZENKI_SIMULATOR_CLIENT_ID, clientSecret: SECRET, baseUrl: simulator.url });

  async function compile(zenkiModule: ReturnType<typeof ZenkiModule.forRoot>, extra: { imports?: unknown[] } = {}): Promise<TestingModule> {
    moduleRef = await Test.createTestingModule({
      imports: [zenkiModule, ...((extra.imports ?? []) as [])],
      providers: [TokenConsumer],
    }).compile();
    await moduleRef.init();
    return moduleRef;
  }

  it('forRoot: provides the issuer, cache, GetAccessToken and ZenkiClient, working against the simulator', async () => {
    const events: AccessTokenEvent[] = [];
    const ref = await compile(ZenkiModule.forRoot({ ...options(), onTokenEvent: (e) => events.push(e) }));
    const consumer = ref.get(TokenConsumer);
    expect(consumer.issuer).toBeInstanceOf(ZenkiAccessTokenIssuer);
    expect(consumer.issuer).toBe(ref.get(zenkiIssuerToken()));
    // The domain's generic keys are bound only on request.
    expect(() => ref.get(ACCESS_TOKEN_ISSUER)).toThrow();
    expect(() => ref.get(GetAccessToken)).toThrow();
    expect(consumer.cache).toBeInstanceOf(InMemoryAccessTokenCache);
    expect(consumer.options).toMatchObject({ clientId: ZENKI_SIMULATOR_CLIENT_ID, baseUrl: simulator.url, timeoutMs: 5000 });

    const token = await consumer.getAccessToken.execute();
    expect(await consumer.getAccessToken.execute()).toBe(token);
    const cached = await consumer.cache.get(zenkiCacheKey(simulator.url, ZENKI_SIMULATOR_CLIENT_ID));
    expect(cached?.value.equals(token.value)).toBe(true);
    expect((await consumer.client.getMerchantInfo()).kycStatus).toBe('APPROVED');
    expect(simulator.tokenRequests).toBe(1);
    expect(events.map((e) => e.type)).toEqual(['miss', 'fetched', 'hit', 'hit']);
  });

  it('two accounts with different credentials in one app each get their own token and never override each other', async () => {
    simulator.addClient('client-mx', 'secret-mx-0123');
    const cache = new InMemoryAccessTokenCache();
    @Injectable()
    class TwoAccounts {
      constructor(
        @InjectZenkiAccessTokens('us') readonly us: GetAccessToken,
        @InjectZenkiAccessTokens('mx') readonly mx: GetAccessToken,
        @InjectZenkiClient('mx') readonly mxClient: ZenkiClient,
      ) {}
    }
    moduleRef = await Test.createTestingModule({
      imports: [
        ZenkiModule.forRoot({ ...options(), account: 'us', cache }),
        ZenkiModule.forRootAsync({
          account: 'mx',
          useFactory: () => ({ clientId: 'client-mx', clientSecret: 'secret-mx-0123', baseUrl: simulator.url, cache }),
        }),
      ],
      providers: [TwoAccounts],
    }).compile();
    const { us, mx, mxClient } = moduleRef.get(TwoAccounts);
    const [usToken, mxToken] = [await us.execute(), await mx.execute()];
    expect(usToken.value.equals(mxToken.value)).toBe(false);
    expect((await us.execute()).value.equals(usToken.value)).toBe(true);
    expect((await mx.execute()).value.equals(mxToken.value)).toBe(true);
    expect(simulator.tokenRequests).toBe(2);
    // One shared cache, one key per account.
    expect((await cache.get(zenkiCacheKey(simulator.url, ZENKI_SIMULATOR_CLIENT_ID, 'us')))?.value.equals(usToken.value)).toBe(true);
    expect((await cache.get(zenkiCacheKey(simulator.url, 'client-mx', 'mx')))?.value.equals(mxToken.value)).toBe(true);
    expect((await mxClient.getMerchantInfo()).commercialName).toBe('Simulated merchant client-mx');
    expect(moduleRef.get(zenkiCircuitToken('us'))).not.toBe(moduleRef.get(zenkiCircuitToken('mx')));
  });

  it('rotates client secrets: a refused first secret falls back to the next, reported once', async () => {
    const fallbacks: ZenkiSecretFallbackEvent[] = [];
    const calls: ProviderCallEvent[] = [];
    const ref = await compile(
      ZenkiModule.forRoot({
        ...options(),
        clientSecret: ['new-secret-not-live-yet', SECRET],
        onSecretFallback: (e) => fallbacks.push(e),
        onProviderCall: (e) => calls.push(e),
      }),
    );
    const tokens = ref.get<GetAccessToken>(zenkiAccessTokensToken());
    await tokens.execute();
    await ref.get<ZenkiAccessTokenIssuer>(zenkiIssuerToken()).issue();
    expect(fallbacks).toEqual([{ account: 'default', secretIndex: 1 }]);
    // The refused secret was tried once; the working one is used first from then on.
    expect(calls.map((e) => e.outcome)).toEqual(['PROVIDER_AUTHENTICATION_FAILED', 'success', 'success']);
  });

  it('bindDomainPorts: true binds the domain ports to this account', async () => {
    const ref = await compile(ZenkiModule.forRoot({ ...options(), bindDomainPorts: true }));
    expect(ref.get(ACCESS_TOKEN_ISSUER)).toBe(ref.get(zenkiIssuerToken()));
    expect(ref.get(ACCESS_TOKEN_CACHE)).toBe(ref.get(zenkiCacheToken()));
    expect(ref.get(GetAccessToken)).toBe(ref.get(zenkiAccessTokensToken()));
    expect(ref.get(ZenkiClient)).toBe(ref.get(zenkiClientToken()));
  });

  it('forRoot: uses the given cache instead of the in-memory default', async () => {
    const cache = new InMemoryAccessTokenCache();
    const ref = await compile(ZenkiModule.forRoot({ ...options(), cache }));
    expect(ref.get(zenkiCacheToken())).toBe(cache);
    await ref.get<GetAccessToken>(zenkiAccessTokensToken()).execute();
    expect(await cache.get(zenkiCacheKey(simulator.url, ZENKI_SIMULATOR_CLIENT_ID))).toBeDefined();
  });

  it('forRootAsync with useFactory and inject, from an imported config module', async () => {
    const ZENKI_CONFIG = Symbol('zenki-config');
    @Module({ providers: [{ provide: ZENKI_CONFIG, useFactory: () => options() }], exports: [ZENKI_CONFIG] })
    class ConfigModule {}
    const ref = await compile(
      ZenkiModule.forRootAsync({
        imports: [ConfigModule],
        inject: [ZENKI_CONFIG],
        useFactory: async (config: ZenkiModuleOptions) => config,
      }),
    );
    const merchant = await ref.get<ZenkiClient>(zenkiClientToken()).getMerchantInfo();
    expect(merchant.commercialName).toBe(`Simulated merchant ${ZENKI_SIMULATOR_CLIENT_ID}`);
    expect(simulator.issuedCount).toBe(1);
  });

  it('forRootAsync with useClass and with useExisting', async () => {
    const url = () => simulator.url;
    @Injectable()
    class ZenkiOptionsService implements ZenkiOptionsFactory {
      createZenkiOptions(): ZenkiModuleOptions {
        return { clientId: ZENKI_SIMULATOR_CLIENT_ID, clientSecret: SECRET, baseUrl: url() };
      }
    }
    let ref = await compile(ZenkiModule.forRootAsync({ useClass: ZenkiOptionsService }));
    await expect(ref.get<GetAccessToken>(zenkiAccessTokensToken()).execute()).resolves.toBeDefined();
    await ref.close();

    @Module({ providers: [ZenkiOptionsService], exports: [ZenkiOptionsService] })
    class OptionsModule {}
    ref = await compile(ZenkiModule.forRootAsync({ imports: [OptionsModule], useExisting: ZenkiOptionsService }));
    await expect(ref.get<GetAccessToken>(zenkiAccessTokensToken()).execute()).resolves.toBeDefined();
    expect(simulator.issuedCount).toBe(2);
  });

  it('isGlobal: true lets any module inject it without importing ZenkiModule', async () => {
    @Injectable()
    class Elsewhere {
      constructor(@InjectZenkiClient() readonly client: ZenkiClient) {}
    }
    @Module({ providers: [Elsewhere], exports: [Elsewhere] })
    class FeatureModule {}
    const ref = await compile(ZenkiModule.forRoot({ ...options(), isGlobal: true }), { imports: [FeatureModule] });
    await expect(ref.get(Elsewhere).client.getMerchantInfo()).resolves.toMatchObject({ accountType: 'ENTITY' });
  });

  it('exports the account circuit breaker under zenkiCircuitToken(), the one the issuer uses, and reports calls to onProviderCall', async () => {
    const events: ProviderCallEvent[] = [];
    const ref = await compile(
      ZenkiModule.forRoot({
        ...options(),
        retry: { maxAttempts: 1 },
        circuitBreaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
        onProviderCall: (e) => events.push(e),
      }),
    );
    const circuit = ref.get<ProviderCircuit>(zenkiCircuitToken());
    expect(circuit).toBeInstanceOf(ProviderCircuit);
    expect(ref.get<ZenkiAccessTokenIssuer>(zenkiIssuerToken()).circuit).toBe(circuit);
    await ref.get<ZenkiClient>(zenkiClientToken()).getMerchantInfo();
    simulator.faults.set({ failNext: 1, failKind: 'error', target: 'token' });
    await expect(ref.get<ZenkiAccessTokenIssuer>(zenkiIssuerToken()).issue()).rejects.toThrow(/500/);
    expect(circuit.state).toBe('open');
    expect(events.map((e) => `${e.operation}:${e.outcome}`)).toEqual(['token:success', 'api:success', 'token:PROVIDER_UNAVAILABLE']);
  });

  it('closes its HTTP pool on application shutdown', async () => {
    const ref = await compile(ZenkiModule.forRoot(options()));
    const issuer = ref.get<ZenkiAccessTokenIssuer>(zenkiIssuerToken());
    await ref.close();
    moduleRef = undefined;
    await expect(issuer.issue()).rejects.toThrow('Zenki client is closed');
    expect(simulator.tokenRequests).toBe(0);
  });

  describe('refuses to start', () => {
    it.each([
      ['clientId', { clientSecret: SECRET }],
      ['clientSecret', { clientId: 'c', clientSecret: '' }],
      ['baseUrl', { clientId: 'c', clientSecret: SECRET, baseUrl: 'file:///etc/passwd' }],
      ['baseUrl', { clientId: 'c', clientSecret: SECRET, baseUrl: `https://c:${SECRET}@api.zenki.fi` }],
      ['tokenSkewSeconds', { clientId: 'c', clientSecret: SECRET, tokenSkewSeconds: -1 }],
      ['timeoutMs', { clientId: 'c', clientSecret: SECRET, timeoutMs: 0 }],
      ['circuitBreaker', { clientId: 'c', clientSecret: SECRET, circuitBreaker: 'on' }],
      ['circuitBreaker.consecutiveFailures', { clientId: 'c', clientSecret: SECRET, circuitBreaker: { consecutiveFailures: 1.5 } }],
      ['circuitBreaker.halfOpenAfterMs', { clientId: 'c', clientSecret: SECRET, circuitBreaker: { halfOpenAfterMs: 0 } }],
      ['onProviderCall', { clientId: 'c', clientSecret: SECRET, onProviderCall: {} }],
    ])('with a bad %s, naming it and never the secret', async (field, bad) => {
      const error = await Test.createTestingModule({ imports: [ZenkiModule.forRoot(bad as ZenkiModuleOptions)] })
        .compile()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidZenkiOptionsError);
      expect((error as InvalidZenkiOptionsError).field).toBe(field);
      expect((error as Error).message).toContain(field);
      for (const form of [(error as Error).message, (error as Error).stack, inspect(error), JSON.stringify(error)])
        expect(form).not.toContain(SECRET);
    });

    it('through forRootAsync too, and logs nothing secret while failing', async () => {
      const logged: string[] = [];
      const collect = (...parts: unknown[]) => void logged.push(parts.map((p) => (typeof p === 'string' ? p : inspect(p))).join(' '));
      const logger: LoggerService = { log: collect, error: collect, warn: collect, debug: collect, verbose: collect, fatal: collect };
      @Module({
        imports: [ZenkiModule.forRootAsync({ useFactory: () => ({ clientId: 'c', clientSecret: SECRET, baseUrl: 'ftp://example' }) })],
      })
      class AppModule {}
      const error = await NestFactory.createApplicationContext(AppModule, { logger, abortOnError: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidZenkiOptionsError);
      expect((error as Error).message).toBe('Invalid Zenki options: baseUrl must be an http(s) URL');
      expect(logged.join('\n')).not.toContain(SECRET);
    });
  });
});
