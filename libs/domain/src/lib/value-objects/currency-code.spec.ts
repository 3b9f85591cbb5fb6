import { parseCurrencyCode } from './currency-code';

describe('parseCurrencyCode', () => {
  it.each([
    ['GBP', 'GBP'],
    ['eur', 'EUR'],
    ['Sek', 'SEK'],
  ])('accepts %p as %p', (input, expected) => {
    expect(parseCurrencyCode(input)).toBe(expected);
  });

  it.each([['ABC'], ['XXX'], ['GB'], ['GBPP'], [''], ['GB1'], [826], [null], [undefined], [{}]])('refuses %p', (input) => {
    expect(parseCurrencyCode(input)).toBeUndefined();
  });
});
