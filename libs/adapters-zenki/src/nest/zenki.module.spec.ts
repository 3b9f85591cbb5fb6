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
  type AccessTokenIssuer,
} from '@paytokens/domain';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '../simulator';
import { ZenkiAccessTokenIssuer } from '../lib/zenki-access-token.issuer';
import { zenkiCacheKey } from '../lib/zenki-cache-key';
import { ZenkiConfigurationError, type ResolvedZenkiOptions, type ZenkiModuleOptions } from '../lib/zenki-options';
import { ZenkiClient } from '../lib/zenki.client';
import type { ProviderCallEvent } from '../lib/provider-call-event';
import { ProviderCircuit } from '../lib/provider-circuit';
import { ZENKI_CIRCUIT } from './zenki.constants';
import { InjectAccessTokenCache, InjectAccessTokenIssuer, InjectZenkiOptions } from './zenki.decorators';
import { ZenkiModule } from './zenki.module';
import type { ZenkiOptionsFactory } from './zenki.module-definition';

const SECRET = ZENKI_SIMULATOR_CLIENT_SECRET;

/** A consumer, as an application would write one. */
@Injectable()
class TokenConsumer {
  constructor(
    @InjectAccessTokenIssuer() readonly issuer: AccessTokenIssuer,
    @InjectAccessTokenCache() readonly cache: AccessTokenCache,
    @InjectZenkiOptions() readonly options: ResolvedZenkiOptions,
    readonly getAccessToken: GetAccessToken,
    readonly client: ZenkiClient,
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
    moduleRef = await Test.createTestingModule({ imports: [zenkiModule, ...((extra.imports ?? []) as [])], providers: [TokenConsumer] }).compile();
    await moduleRef.init();
    return moduleRef;
  }

  it('forRoot: provides the issuer, cache, GetAccessToken and ZenkiClient, working against the simulator', async () => {
    const events: AccessTokenEvent[] = [];
    const ref = await compile(ZenkiModule.forRoot({ ...options(), onTokenEvent: (e) => events.push(e) }));
    const consumer = ref.get(TokenConsumer);
    expect(consumer.issuer).toBeInstanceOf(ZenkiAccessTokenIssuer);
    expect(consumer.issuer).toBe(ref.get(ACCESS_TOKEN_ISSUER));
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

  it('forRoot: uses the given cache instead of the in-memory default', async () => {
    const cache = new InMemoryAccessTokenCache();
    const ref = await compile(ZenkiModule.forRoot({ ...options(), cache }));
    expect(ref.get(ACCESS_TOKEN_CACHE)).toBe(cache);
    await ref.get(GetAccessToken).execute();
    expect(await cache.get(zenkiCacheKey(simulator.url, ZENKI_SIMULATOR_CLIENT_ID))).toBeDefined();
  });

  it('forRootAsync with useFactory and inject, from an imported config module', async () => {
    const ZENKI_CONFIG = Symbol('zenki-config');
    @Module({ providers: [{ provide: ZENKI_CONFIG, useFactory: () => options() }], exports: [ZENKI_CONFIG] })
    class ConfigModule {}
    const ref = await compile(ZenkiModule.forRootAsync({ imports: [ConfigModule], inject: [ZENKI_CONFIG], useFactory: async (config: ZenkiModuleOptions) => config }));
    const merchant = await ref.get(ZenkiClient).getMerchantInfo();
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
    await expect(ref.get(GetAccessToken).execute()).resolves.toBeDefined();
    await ref.close();

    @Module({ providers: [ZenkiOptionsService], exports: [ZenkiOptionsService] })
    class OptionsModule {}
    ref = await compile(ZenkiModule.forRootAsync({ imports: [OptionsModule], useExisting: ZenkiOptionsService }));
    await expect(ref.get(GetAccessToken).execute()).resolves.toBeDefined();
    expect(simulator.issuedCount).toBe(2);
  });

  it('isGlobal: true lets any module inject it without importing ZenkiModule', async () => {
    @Injectable()
    class Elsewhere {
      constructor(readonly client: ZenkiClient) {}
    }
    @Module({ providers: [Elsewhere], exports: [Elsewhere] })
    class FeatureModule {}
    const ref = await compile(ZenkiModule.forRoot({ ...options(), isGlobal: true }), { imports: [FeatureModule] });
    await expect(ref.get(Elsewhere).client.getMerchantInfo()).resolves.toMatchObject({ accountType: 'ENTITY' });
  });

  it('exports the circuit breaker under ZENKI_CIRCUIT, the one the issuer uses, and reports calls to onProviderCall', async () => {
    const events: ProviderCallEvent[] = [];
    const ref = await compile(
      ZenkiModule.forRoot({ ...options(), retry: { maxAttempts: 1 }, circuitBreaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 }, onProviderCall: (e) => events.push(e) }),
    );
    const circuit = ref.get<ProviderCircuit>(ZENKI_CIRCUIT);
    expect(circuit).toBeInstanceOf(ProviderCircuit);
    expect(ref.get<ZenkiAccessTokenIssuer>(ACCESS_TOKEN_ISSUER).circuit).toBe(circuit);
    await ref.get(ZenkiClient).getMerchantInfo();
    simulator.faults.set({ failNext: 1, failKind: 'error', target: 'token' });
    await expect(ref.get<ZenkiAccessTokenIssuer>(ACCESS_TOKEN_ISSUER).issue()).rejects.toThrow(/500/);
    expect(circuit.state).toBe('open');
    expect(events.map((e) => `${e.operation}:${e.outcome}`)).toEqual(['token:success', 'api:success', 'token:PROVIDER_UNAVAILABLE']);
  });

  it('closes its HTTP pool on application shutdown', async () => {
    const ref = await compile(ZenkiModule.forRoot(options()));
    const issuer = ref.get<ZenkiAccessTokenIssuer>(ACCESS_TOKEN_ISSUER);
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
      expect(error).toBeInstanceOf(ZenkiConfigurationError);
      expect((error as ZenkiConfigurationError).field).toBe(field);
      expect((error as Error).message).toContain(field);
      for (const form of [(error as Error).message, (error as Error).stack, inspect(error), JSON.stringify(error)]) expect(form).not.toContain(SECRET);
    });

    it('through forRootAsync too, and logs nothing secret while failing', async () => {
      const logged: string[] = [];
      const collect = (...parts: unknown[]) => void logged.push(parts.map((p) => (typeof p === 'string' ? p : inspect(p))).join(' '));
      const logger: LoggerService = { log: collect, error: collect, warn: collect, debug: collect, verbose: collect, fatal: collect };
      @Module({ imports: [ZenkiModule.forRootAsync({ useFactory: () => ({ clientId: 'c', clientSecret: SECRET, baseUrl: 'ftp://example' }) })] })
      class AppModule {}
      const error = await NestFactory.createApplicationContext(AppModule, { logger, abortOnError: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZenkiConfigurationError);
      expect((error as Error).message).toBe('Invalid Zenki configuration: baseUrl must be an http(s) URL');
      expect(logged.join('\n')).not.toContain(SECRET);
    });
  });
});
