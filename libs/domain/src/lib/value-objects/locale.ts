import { parseCountryCode } from './country-code';

/** A customer locale: a two-letter language and a country (`en-GB`), as RFC 1766 / Klarna expect. */
export type Locale = string & { readonly __brand: 'Locale' };

/** Parses `en-GB` in any case into its canonical form; `undefined` for anything else. */
export function parseLocale(input: unknown): Locale | undefined {
  if (typeof input !== 'string') return undefined;
  const match = /^([A-Za-z]{2})-([A-Za-z]{2})$/.exec(input);
  if (!match) return undefined;
  const country = parseCountryCode(match[2]);
  return country ? (`${match[1].toLowerCase()}-${country}` as Locale) : undefined;
}
