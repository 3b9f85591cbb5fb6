// What the bench sends, and the check that the API and its baseline answer alike before either is loaded. The session
// and charge are the tests' sample (libs/testing/src/lib/klarna-flow-samples.ts), copied: the bench is plain JavaScript
// run without a TypeScript build of the test helpers.

/** The create body (camelCase, as the API takes it) without its authorization, which is fresh per request. */
export const KLARNA_BODY = Object.freeze({
  purchaseCountry: 'GB',
  purchaseCurrency: 'GBP',
  locale: 'en-GB',
  description: 'paytokens bench subscription',
  intendedUse: 'SUBSCRIPTION',
  billingAddress: {
    givenName: 'Ada',
    familyName: 'Bench',
    email: 'ada.bench@example.com',
    streetAddress: '10 Lombard St',
    postalCode: 'EC3V 9EL',
    city: 'London',
    country: 'GB',
  },
});

const LINE = Object.freeze({
  type: 'digital',
  name: 'Monthly box',
  quantity: 1,
  unitPrice: 2500,
  taxRate: 2000,
  totalAmount: 2500,
  totalTaxAmount: 417,
});

/** A payment session for a subscription (intent tokenize), as the API takes it. */
export const SESSION_BODY = Object.freeze({
  intent: 'tokenize',
  purchaseCountry: 'GB',
  purchaseCurrency: 'GBP',
  locale: 'en-GB',
  orderAmount: 2500,
  orderTaxAmount: 417,
  orderLines: [LINE],
  merchantUrls: { confirmation: 'https://shop.example/confirm' },
});

/** One period's charge of a customer token, as the API takes it (the token is in the path). */
export const CHARGE_BODY = Object.freeze({
  purchaseCurrency: 'GBP',
  orderAmount: 2500,
  orderTaxAmount: 417,
  orderLines: [LINE],
  autoCapture: true,
});

const EXPECTED_STATUS = { zenki: 200, klarna: 201, session: 201, charge: 201 };

function shape(value) {
  if (Array.isArray(value)) return value.map(shape);
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, shape(value[key])]),
  );
}

/** Undefined when both answers have the expected status and the same JSON shape; else what differs. */
export function checkSameShape(id, api, baseline) {
  const expected = EXPECTED_STATUS[id];
  if (api.status !== expected) return `the API answered ${api.status} (${JSON.stringify(api.body)}), expected ${expected}`;
  if (baseline.status !== expected)
    return `the baseline answered ${baseline.status} (${JSON.stringify(baseline.body)}), expected ${expected}`;
  const a = JSON.stringify(shape(api.body));
  const b = JSON.stringify(shape(baseline.body));
  return a === b ? undefined : `API ${a} vs baseline ${b}`;
}
