import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '@paytokens/adapters-klarna/simulator';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';
import { CustomerTokenRequest } from '@paytokens/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import { describeWithRedis, redisTestUrl } from '@paytokens/testing';
import { documentationBlocks } from './markdown-code-blocks';
import { EXAMPLE_ENVIRONMENT, loadExample, missingEnvironmentReads, moduleExamples, needsRedis, rootModule, useCasesIn } from './nest-module-examples';

const examples = moduleExamples(documentationBlocks());
const VARIABLES = [...Object.values(EXAMPLE_ENVIRONMENT).flat(), 'REDIS_ENCRYPTION_KEYS'];

describe('Nest module examples of the documentation, booted against the simulators', () => {
  const savedEnv = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  let klarna: KlarnaSimulator;
  let zenki: ZenkiSimulator;

  beforeAll(async () => {
    klarna = await KlarnaSimulator.start();
    zenki = await ZenkiSimulator.start();
    Object.assign(process.env, {
      KLARNA_USERNAME: SIMULATOR_USERNAME,
      KLARNA_PASSWORD: SIMULATOR_PASSWORD,
      KLARNA_BASE_URL: klarna.url,
      ZENKI_CLIENT_ID: ZENKI_SIMULATOR_CLIENT_ID,
      ZENKI_CLIENT_SECRET: ZENKI_SIMULATOR_CLIENT_SECRET,
      ZENKI_BASE_URL: zenki.url,
      REDIS_URL: redisTestUrl,
      // The Redis README's module example encrypts what it stores, as production must.
      REDIS_ENCRYPTION_KEYS: `docs:${randomBytes(32).toString('base64')}`,
    });
  });

  afterAll(async () => {
    await klarna?.close();
    await zenki?.close();
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('are found: the root README, the Klarna and Zenki READMEs, and the Redis README (module and health)', () => {
    expect(examples.map((block) => block.file).sort()).toEqual([
      'README.md',
      'libs/adapters-klarna/README.md',
      'libs/adapters-redis/README.md',
      'libs/adapters-redis/README.md',
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
    const code = "import { Module } from '@nestjs/common';\nimport { KlarnaModule } from '@paytokens/adapters-klarna';\n@Module({ imports: [KlarnaModule.forRoot({ username: process.env.KLARNA_USERNAME!, password: process.env.KLARNA_PASSWORD! })] })\nexport class M {}\n";
    expect(missingEnvironmentReads({ file: 'x.md', line: 1, code })).toEqual(['KLARNA_BASE_URL']);
  });
});
