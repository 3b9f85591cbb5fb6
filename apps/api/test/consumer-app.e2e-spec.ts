import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KlarnaSimulator } from '@paytokens/adapters-klarna/simulator';
import { ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';
import { PaymentsModule, SubscriptionsService } from './fixtures/payments.module';

const FIXTURE = join(__dirname, 'fixtures', 'payments.module.ts');
const LIBRARIES_DOC = join(__dirname, '..', '..', '..', 'docs', 'libraries.md');
const ENV_NAMES = ['KLARNA_USERNAME', 'KLARNA_PASSWORD', 'KLARNA_BASE_URL', 'ZENKI_CLIENT_ID', 'ZENKI_CLIENT_SECRET', 'ZENKI_BASE_URL'];

describe("docs/libraries.md's 'Use as a NestJS module' example", () => {
  it('is exactly the code this suite runs, and uses only the libraries', () => {
    const fixture = readFileSync(FIXTURE, 'utf8');
    const readme = readFileSync(LIBRARIES_DOC, 'utf8');
    const section = readme.slice(readme.indexOf('## Use as a NestJS module'));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBe(fixture);
    const imports = [...fixture.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.every((name) => /^@nestjs\/(common|config)$|^@paytokens\/(domain|adapters-klarna|adapters-zenki)$/.test(name))).toBe(
      true,
    );
  });
});

describe('A consumer app importing only the libraries (against the simulators)', () => {
  const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  let klarna: KlarnaSimulator;
  let zenki: ZenkiSimulator;
  let app: INestApplicationContext;
  let subscriptions: SubscriptionsService;

  beforeAll(async () => {
    klarna = await KlarnaSimulator.start({ username: 'PK_consumer', password: 'consumer-password' });
    zenki = await ZenkiSimulator.start({ clientId: 'consumer-client', clientSecret: 'consumer-secret' });
    Object.assign(process.env, {
      KLARNA_USERNAME: 'PK_consumer',
      KLARNA_PASSWORD: 'consumer-password',
      KLARNA_BASE_URL: klarna.url,
      ZENKI_CLIENT_ID: 'consumer-client',
      ZENKI_CLIENT_SECRET: 'consumer-secret',
      ZENKI_BASE_URL: zenki.url,
    });
    const moduleRef = await Test.createTestingModule({ imports: [PaymentsModule] }).compile();
    app = await moduleRef.init();
    subscriptions = app.get(SubscriptionsService);
  });

  afterAll(async () => {
    await app?.close();
    await klarna?.close();
    await zenki?.close();
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('issues a Klarna customer token through IssueCustomerToken, once per idempotency key', async () => {
    const { authorizationToken } = klarna.mintAuthorization();
    const tokenId = await subscriptions.subscribe('order-42', authorizationToken);
    expect(klarna.ledger.map((entry) => entry.tokenId)).toEqual([tokenId]);
    expect(await subscriptions.status(tokenId)).toBe('ACTIVE');
    expect(await subscriptions.subscribe('order-42', authorizationToken)).toBe(tokenId);
    expect(klarna.requestCounts.create).toBe(1);
  });

  it('gets Zenki access tokens through GetAccessToken, from the cache once warm', async () => {
    const first = await subscriptions.zenkiAuthorization();
    expect(first).toMatch(/^Bearer \S+$/);
    expect(await subscriptions.zenkiAuthorization()).toBe(first);
    expect(zenki.issuedCount).toBe(1);
  });
});
