import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KlarnaSimulator } from '@paytokens/adapters-klarna/simulator';
import { ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';
import { MultiAccountCheckout, MultiAccountPaymentsModule } from '../fixtures/multi-account-payments.module';

describe('A consumer Nest app with two Klarna and two Zenki accounts (against the simulators)', () => {
  let klarna: KlarnaSimulator;
  let zenki: ZenkiSimulator;
  let app: INestApplicationContext;
  let checkout: MultiAccountCheckout;

  beforeAll(async () => {
    // One simulator per provider, serving every account with its own credentials.
    klarna = await KlarnaSimulator.start({ username: 'PK_eu', password: 'eu-password' });
    klarna.addAccount('PK_na', 'na-password');
    zenki = await ZenkiSimulator.start({ clientId: 'mx-client', clientSecret: 'mx-old-secret' });
    zenki.addClient('co-client', 'co-secret');
    const moduleRef = await Test.createTestingModule({
      imports: [MultiAccountPaymentsModule.forRoot({ klarnaUrl: klarna.url, zenkiUrl: zenki.url })],
    }).compile();
    app = await moduleRef.init();
    checkout = app.get(MultiAccountCheckout);
  });

  afterAll(async () => {
    await app?.close();
    await klarna?.close();
    await zenki?.close();
  });

  it('issues through each Klarna account, with one order id under both accounts being two operations', async () => {
    const europe = await checkout.subscribe('eu', 'order-1001', klarna.mintAuthorization().authorizationToken);
    const northAmerica = await checkout.subscribe(
      'na',
      'order-1001',
      klarna.mintAuthorization({ purchaseCountry: 'US', purchaseCurrency: 'USD' }).authorizationToken,
    );
    expect(northAmerica).not.toBe(europe);
    expect(klarna.ledger.map((entry) => entry.tokenId)).toEqual([europe, northAmerica]);
    // Within one account the order id still guards against a different request.
    expect(
      await checkout.subscribe('eu', 'order-1001', klarna.mintAuthorization().authorizationToken).catch((e: { code?: string }) => e.code),
    ).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('caches a Zenki token per account, the rotated secret falling back to the old one', async () => {
    const mexico = await checkout.zenkiToken('mx');
    const colombia = await checkout.zenkiToken('co');
    expect(mexico).not.toBe(colombia);
    expect(await checkout.zenkiToken('mx')).toBe(mexico);
    expect([zenki.issuedTo('mx-client'), zenki.issuedTo('co-client')]).toEqual([1, 1]);
  });
});
