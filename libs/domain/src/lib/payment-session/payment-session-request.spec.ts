import { ValidationError } from '../errors/errors';
import { PaymentSessionRequest, type PaymentSessionRequestInput } from './payment-session-request';
import { PURCHASE_MARKETS } from './purchase-markets';

const line = { type: 'digital', name: 'Monthly box', quantity: 2, unitPrice: 1250, taxRate: 2000, totalAmount: 2500, totalTaxAmount: 417 };
const valid: PaymentSessionRequestInput = {
  purchaseCountry: 'GB',
  purchaseCurrency: 'GBP',
  locale: 'en-GB',
  orderAmount: 2500,
  orderTaxAmount: 417,
  orderLines: [line],
  merchantUrls: { confirmation: 'https://shop.example/confirm?sid={session.id}' },
  billingAddress: { givenName: 'Jane', country: 'gb' },
};

function problems(input: unknown): { field: string; message: string }[] {
  try {
    PaymentSessionRequest.create(input as PaymentSessionRequestInput);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.errors];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('PaymentSessionRequest', () => {
  it('accepts a valid session, intent tokenize by default, codes canonical', () => {
    const request = PaymentSessionRequest.create(valid);
    expect(request).toMatchObject({ intent: 'tokenize', purchaseCountry: 'GB', orderAmount: 2500, billingAddress: { country: 'GB' } });
    expect(PaymentSessionRequest.create({ ...valid, intent: 'buy_and_tokenize' }).intent).toBe('buy_and_tokenize');
    expect(PaymentSessionRequest.create({ ...valid, intent: 'buy' }).intent).toBe('buy');
  });

  it('lists every broken rule at once, with field paths', () => {
    const found = problems({
      ...valid,
      intent: 'rent',
      purchaseCurrency: 'EUR',
      locale: 'de-DE',
      orderAmount: 9999,
      orderTaxAmount: 1,
      orderLines: [
        { ...line, totalAmount: 2400, totalTaxAmount: 400 },
        { name: '', quantity: 1.5, unitPrice: 'x' },
      ],
      merchantUrls: { confirmation: 'ftp://x', cancel: 'https://x' },
      billingAddress: { country: 'SE', email: 'nope' },
      colour: 'red',
    });
    expect(found.map((p) => p.field).sort()).toEqual(
      [
        'billingAddress.country',
        'billingAddress.email',
        'colour',
        'intent',
        'locale',
        'merchantUrls.cancel',
        'merchantUrls.confirmation',
        'orderLines[0].totalAmount',
        'orderLines[1].name',
        'orderLines[1].quantity',
        'orderLines[1].totalAmount',
        'orderLines[1].unitPrice',
        'purchaseCurrency',
      ].sort(),
    );
  });

  it('checks the sums when every line parses: amounts and taxes', () => {
    expect(problems({ ...valid, orderAmount: 2600, orderTaxAmount: 400 })).toEqual([
      { field: 'orderAmount', message: "must equal the sum of the order lines' totalAmount (2500)" },
      { field: 'orderTaxAmount', message: "must equal the sum of the order lines' totalTaxAmount (417)" },
    ]);
  });

  it("checks each line: total = quantity × unit price − discount, tax within 1 of the rate's", () => {
    const discounted = { ...line, totalDiscountAmount: 500, totalAmount: 2000, totalTaxAmount: 333 };
    expect(() =>
      PaymentSessionRequest.create({ ...valid, orderAmount: 2000, orderTaxAmount: 333, orderLines: [discounted] }),
    ).not.toThrow();
    expect(problems({ ...valid, orderAmount: 2000, orderTaxAmount: 300, orderLines: [{ ...discounted, totalTaxAmount: 300 }] })).toEqual([
      { field: 'orderLines[0].totalTaxAmount', message: expect.stringContaining('(333)') },
    ]);
  });

  it("refuses country, currency and locale combinations outside Klarna's table", () => {
    expect(problems({ ...valid, purchaseCountry: 'JP', purchaseCurrency: 'JPY', locale: 'ja-JP', billingAddress: undefined })).toEqual([
      { field: 'purchaseCountry', message: expect.stringContaining('is not a country Klarna sells in') },
    ]);
    expect(problems({ ...valid, purchaseCountry: 'AT', purchaseCurrency: 'EUR', locale: 'fr-AT', billingAddress: undefined })).toEqual([
      { field: 'locale', message: 'must be one of de-AT, en-AT for purchase country AT' },
    ]);
    for (const [country, market] of PURCHASE_MARKETS) {
      for (const locale of market.locales) {
        expect(() =>
          PaymentSessionRequest.create({
            ...valid,
            purchaseCountry: country,
            purchaseCurrency: market.currency,
            locale,
            billingAddress: undefined,
          }),
        ).not.toThrow();
      }
    }
  });

  it('requires the order and refuses a missing or empty line list', () => {
    expect(problems({}).map((p) => p.field)).toEqual(['purchaseCountry', 'purchaseCurrency', 'locale', 'orderAmount', 'orderLines']);
    expect(problems({ ...valid, orderLines: [] })).toEqual([{ field: 'orderLines', message: 'must be a list of 1 to 1000 order lines' }]);
  });

  it('gives equal fingerprints for equal requests and different ones otherwise', () => {
    expect(PaymentSessionRequest.create(valid).fingerprintSource()).toBe(PaymentSessionRequest.create({ ...valid }).fingerprintSource());
    expect(PaymentSessionRequest.create(valid).fingerprintSource()).not.toBe(
      PaymentSessionRequest.create({ ...valid, intent: 'buy' }).fingerprintSource(),
    );
  });
});
