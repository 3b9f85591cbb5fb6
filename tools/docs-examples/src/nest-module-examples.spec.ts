import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '@paytokens/adapters-klarna/simulator';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';
import { CustomerTokenRequest } from '@paytokens/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import { describeWithRedis, redisTestUrl } from '@paytokens/testing';
import { documentationBlocks } from './markdown-code-blocks';
import {
  exampleEnvironment,
  loadExample,
  missingEnvironmentReads,
  moduleExamples,
  needsRedis,
  rootModule,
  useCasesIn,
} from './nest-module-examples';

const examples = moduleExamples(documentationBlocks());

describe('Nest module examples of the documentation, booted against the simulators', () => {
  const savedEnv = { ...process.env };
  let klarna: KlarnaSimulator;
  let zenki: ZenkiSimulator;
  let simulatorValues: Parameters<typeof exampleEnvironment>[1];

  beforeAll(async () => {
    klarna = await KlarnaSimulator.start();
    zenki = await ZenkiSimulator.start();
    simulatorValues = {
      KlarnaModule: { USERNAME: SIMULATOR_USERNAME, PASSWORD: SIMULATOR_PASSWORD, BASE_URL: klarna.url },
      ZenkiModule: { CLIENT_ID: ZENKI_SIMULATOR_CLIENT_ID, CLIENT_SECRET: ZENKI_SIMULATOR_CLIENT_SECRET, BASE_URL: zenki.url },
    };
    process.env['REDIS_URL'] = redisTestUrl;
    // The Redis README's module example encrypts what it stores, as production must.
    process.env['REDIS_ENCRYPTION_KEYS'] = `docs:${randomBytes(32).toString('base64')}`;
  });

  afterAll(async () => {
    await klarna?.close();
    await zenki?.close();
    process.env = savedEnv;
  });

  it('are found: the libraries guide, the Klarna and Zenki READMEs (one account, several), and the Redis README (module and health)', () => {
    expect(examples.map((block) => block.file).sort()).toEqual([
      'docs/libraries.md',
      'libs/adapters-klarna/README.md',
      'libs/adapters-klarna/README.md',
      'libs/adapters-redis/README.md',
      'libs/adapters-redis/README.md',
      'libs/adapters-zenki/README.md',
      'libs/adapters-zenki/README.md',
    ]);
  });

  describe.each(examples.map((block) => [`${block.file}:${block.line}`, block] as const))('%s', (_where, block) => {
    // An example that shares state through Redis needs one: in CI it always runs; elsewhere it skips loudly.
    (needsRedis(block) ? describeWithRedis : describe)('booted', () => {
      let app: INestApplicationContext | undefined;

      afterAll(async () => {
        await app?.close();
      });

      it('reads its credentials and base URLs from the documented variables, so the tests can point it at the simulators', () => {
        expect(missingEnvironmentReads(block)).toEqual([]);
      });

      it('loads, boots, and its use cases work against the simulators', async () => {
        Object.assign(process.env, exampleEnvironment(block, simulatorValues));
        const module = rootModule(block, loadExample(block));
        app = await (await Test.createTestingModule({ imports: [module] }).compile()).init();
        const { getAccessToken, issueCustomerToken } = useCasesIn(app);
        // An example that registers a provider module must yield its use cases; one that does not (a health
        // module) is proven by booting.
        if (/\b(KlarnaModule|ZenkiModule)\b/.test(block.code)) expect(getAccessToken.length + issueCustomerToken.length).toBeGreaterThan(0);

        for (const useCase of getAccessToken) {
          const issuedBefore = zenki.issuedCount;
          const token = await useCase.execute();
          expect(token.value.reveal()).toMatch(/\S/);
          expect(zenki.issuedCount).toBe(issuedBefore + 1);
        }
        for (const useCase of issueCustomerToken) {
          const { authorizationToken } = klarna.mintAuthorization();
          const request = CustomerTokenRequest.create({
            authorizationToken,
            purchaseCountry: 'GB',
            purchaseCurrency: 'GBP',
            locale: 'en-GB',
            description: 'Docs example',
            intendedUse: 'SUBSCRIPTION',
          });
          // A key of its own on every run: an example's Redis keeps records between runs.
          const { token } = await useCase.execute(request, { idempotencyKey: `docs-example-${randomUUID()}` });
          expect(klarna.ledger.map((entry) => entry.tokenId)).toContain(token.tokenId);
        }
      });
    });
  });
});

describe('the module example harness', () => {
  it('fails on an example that compiles only with a class used before its declaration', () => {
    const code = [
      "import { Injectable, Module } from '@nestjs/common';",
      '@Module({ providers: [LateService] })',
      'export class EarlyModule {}',
      '@Injectable()',
      'export class LateService {}',
      '',
    ].join('\n');
    const block = { file: 'docs/broken.md', line: 3, code };
    expect(() => rootModule(block, loadExample(block))).toThrow(/LateService/);
  });

  it('refuses an example that would reach a real provider: a module without its base URL variable', () => {
    const code =
      "import { Module } from '@nestjs/common';\nimport { KlarnaModule } from '@paytokens/adapters-klarna';\n@Module({ imports: [KlarnaModule.forRoot({ username: process.env.KLARNA_USERNAME!, password: process.env.KLARNA_PASSWORD! })] })\nexport class M {}\n";
    expect(missingEnvironmentReads({ file: 'x.md', line: 1, code })).toEqual(['KLARNA_BASE_URL']);
  });

  it("asks each named account for its whole set of variables, and gives every account the simulator's", () => {
    const code =
      "KlarnaModule; process.env.KLARNA_EU_USERNAME; process.env['KLARNA_EU_PASSWORD']; process.env.KLARNA_EU_BASE_URL; process.env.KLARNA_NA_USERNAME;";
    const block = { file: 'x.md', line: 1, code };
    expect(missingEnvironmentReads(block)).toEqual(['KLARNA_NA_PASSWORD', 'KLARNA_NA_BASE_URL']);
    const values = {
      KlarnaModule: { USERNAME: 'u', PASSWORD: 'p', BASE_URL: 'http://127.0.0.1:1' },
      ZenkiModule: { CLIENT_ID: 'c', CLIENT_SECRET: 's', BASE_URL: 'x' },
    };
    expect(exampleEnvironment(block, values)).toEqual({
      KLARNA_EU_USERNAME: 'u',
      KLARNA_EU_PASSWORD: 'p',
      KLARNA_EU_BASE_URL: 'http://127.0.0.1:1',
      KLARNA_NA_USERNAME: 'u',
      KLARNA_NA_PASSWORD: 'p',
      KLARNA_NA_BASE_URL: 'http://127.0.0.1:1',
    });
  });
});
