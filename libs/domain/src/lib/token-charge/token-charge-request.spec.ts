import { ValidationError } from '../errors/errors';
import { canonicalJson, referenceCanonicalJson } from '../value-objects/canonical-json';
import { TokenChargeRequest, type TokenChargeRequestInput } from './token-charge-request';

const valid: TokenChargeRequestInput = {
  tokenId: 'tok-1',
  purchaseCurrency: 'gbp',
  orderAmount: 1000,
  orderTaxAmount: 167,
  orderLines: [{ type: 'digital', name: 'Month 2', quantity: 1, unitPrice: 1000, taxRate: 2000, totalAmount: 1000, totalTaxAmount: 167 }],
  merchantReference1: 'renewal-2',
  autoCapture: true,
};

describe('TokenChargeRequest', () => {
  it('accepts a valid charge; autoCapture defaults to false', () => {
    expect(TokenChargeRequest.create(valid)).toMatchObject({ tokenId: 'tok-1', purchaseCurrency: 'GBP', autoCapture: true });
    expect(TokenChargeRequest.create({ ...valid, autoCapture: undefined }).autoCapture).toBe(false);
  });

  it('lists every problem at once', () => {
    let caught: unknown;
    try {
      TokenChargeRequest.create({
        ...valid,
        tokenId: '../x',
        purchaseCurrency: 'XXX',
        orderAmount: 0,
        orderTaxAmount: undefined as unknown as number,
        autoCapture: 'yes' as unknown as boolean,
        merchantUrls: { push: 'https://x' },
        merchantReference1: 'r'.repeat(256),
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).errors.map((e) => e.field).sort()).toEqual(
      [
        'autoCapture',
        'merchantReference1',
        'merchantUrls.confirmation',
        'orderAmount',
        'orderTaxAmount',
        'purchaseCurrency',
        'tokenId',
      ].sort(),
    );
  });

  it("uses the Customer Token API's limits for order lines", () => {
    const big = { name: 'Big', quantity: 1, unitPrice: 150_000_000, totalAmount: 150_000_000 };
    expect(() => TokenChargeRequest.create({ ...valid, orderAmount: 150_000_000, orderTaxAmount: 0, orderLines: [big] })).toThrow(
      /orderLines\[0\]\.unitPrice/,
    );
  });

  it('fingerprints as canonical JSON (keys sorted at every level), every field in, so stored records keep matching', () => {
    const everyField: TokenChargeRequestInput = {
      ...valid,
      merchantReference2: 'ref-2',
      merchantData: '{"plan":"gold"}',
      merchantUrls: { confirmation: 'https://shop.example/confirm', push: 'https://shop.example/push' },
      orderAmount: 1800,
      orderTaxAmount: 300,
      orderLines: [
        {
          type: 'physical',
          reference: 'SKU-1',
          name: 'Box',
          quantity: 2,
          quantityUnit: 'pcs',
          unitPrice: 1000,
          taxRate: 2000,
          totalAmount: 1800,
          totalDiscountAmount: 200,
          totalTaxAmount: 300,
          productUrl: 'https://shop.example/box',
          imageUrl: 'https://shop.example/box.png',
          merchantData: 'line-data',
        },
      ],
    };
    for (const input of [valid, everyField, { ...valid, autoCapture: undefined }]) {
      const request = TokenChargeRequest.create(input);
      expect(request.fingerprintSource()).toBe(canonicalJson(request));
      expect(request.fingerprintSource()).toBe(referenceCanonicalJson(request));
    }
    // Every field the full request sets is in its text (none left out of the fingerprint).
    const text = TokenChargeRequest.create(everyField).fingerprintSource();
    for (const field of [
      'merchantReference2',
      'merchantData',
      'push',
      'reference',
      'quantityUnit',
      'totalDiscountAmount',
      'productUrl',
      'imageUrl',
    ])
      expect(text).toContain(`"${field}":`);
  });

  it('fingerprints differ when any charged field differs', () => {
    const a = TokenChargeRequest.create(valid).fingerprintSource();
    expect(TokenChargeRequest.create({ ...valid }).fingerprintSource()).toBe(a);
    expect(TokenChargeRequest.create({ ...valid, merchantReference1: 'renewal-3' }).fingerprintSource()).not.toBe(a);
  });
});
