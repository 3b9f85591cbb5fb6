import { ISO_3166_ALPHA2 } from './iso-codes';

/** An ISO 3166-1 alpha-2 country code, upper case (`GB`). */
export type CountryCode = string & { readonly __brand: 'CountryCode' };

/** Parses a country code in any case; `undefined` when it is not an assigned ISO 3166-1 alpha-2 code. */
export function parseCountryCode(input: unknown): CountryCode | undefined {
  if (typeof input !== 'string' || !/^[A-Za-z]{2}$/.test(input)) return undefined;
  const upper = input.toUpperCase();
  return ISO_3166_ALPHA2.has(upper) ? (upper as CountryCode) : undefined;
}
