// What the bench sends, and the check that the API and its baseline answer alike before either is loaded.

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

const EXPECTED_STATUS = { zenki: 200, klarna: 201 };

function shape(value) {
  if (Array.isArray(value)) return value.map(shape);
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shape(value[key])]));
}

/** Undefined when both answers have the expected status and the same JSON shape; else what differs. */
export function checkSameShape(id, api, baseline) {
  const expected = EXPECTED_STATUS[id];
  if (api.status !== expected) return `the API answered ${api.status} (${JSON.stringify(api.body)}), expected ${expected}`;
  if (baseline.status !== expected) return `the baseline answered ${baseline.status} (${JSON.stringify(baseline.body)}), expected ${expected}`;
  const a = JSON.stringify(shape(api.body));
  const b = JSON.stringify(shape(baseline.body));
  return a === b ? undefined : `API ${a} vs baseline ${b}`;
}
