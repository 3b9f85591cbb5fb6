import { ISO_4217 } from './iso-codes';

/** An ISO 4217 currency code, upper case (`GBP`). */
export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

/** Parses a currency code in any case; `undefined` when it is not an active ISO 4217 code. */
export function parseCurrencyCode(input: unknown): CurrencyCode | undefined {
  if (typeof input !== 'string' || !/^[A-Za-z]{3}$/.test(input)) return undefined;
  const upper = input.toUpperCase();
  return ISO_4217.has(upper) ? (upper as CurrencyCode) : undefined;
}
