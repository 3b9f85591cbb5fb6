import type { FieldErrors } from '../value-objects/field-errors';

/** A country Klarna sells in, with the locales and the one currency it accepts there. */
export interface PurchaseMarket {
  locales: readonly string[];
  currency: string;
}

// Klarna's published table (docs.klarna.com/klarna-payments/in-depth-knowledge/puchase-countries-currencies-locales,
// [K13] in contracts/PROVIDER-FACTS.md): "we only support the local currency of each country".
const TABLE: [string, string, string][] = [
  ['AU', 'en-AU', 'AUD'],
  ['AT', 'de-AT en-AT', 'EUR'],
  ['BE', 'nl-BE fr-BE en-BE', 'EUR'],
  ['CA', 'en-CA fr-CA', 'CAD'],
  ['CZ', 'cs-CZ en-CZ', 'CZK'],
  ['DK', 'da-DK en-DK', 'DKK'],
  ['FI', 'fi-FI sv-FI en-FI', 'EUR'],
  ['FR', 'fr-FR en-FR', 'EUR'],
  ['DE', 'de-DE en-DE', 'EUR'],
  ['GR', 'el-GR en-GR', 'EUR'],
  ['HU', 'hu-HU en-HU', 'HUF'],
  ['IE', 'en-IE', 'EUR'],
  ['IT', 'it-IT en-IT', 'EUR'],
  ['MX', 'en-MX es-MX', 'MXN'],
  ['NL', 'nl-NL en-NL', 'EUR'],
  ['NZ', 'en-NZ', 'NZD'],
  ['NO', 'nb-NO en-NO', 'NOK'],
  ['PL', 'pl-PL en-PL', 'PLN'],
  ['PT', 'pt-PT en-PT', 'EUR'],
  ['RO', 'ro-RO en-RO', 'RON'],
  ['SK', 'sk-SK en-SK', 'EUR'],
  ['ES', 'es-ES en-ES', 'EUR'],
  ['SE', 'sv-SE en-SE', 'SEK'],
  ['CH', 'de-CH fr-CH it-CH en-CH', 'CHF'],
  ['GB', 'en-GB', 'GBP'],
  ['US', 'en-US es-US', 'USD'],
];

/** Klarna's purchase countries with their locales and currency, keyed by ISO country code. */
export const PURCHASE_MARKETS: ReadonlyMap<string, PurchaseMarket> = new Map(
  TABLE.map(([country, locales, currency]) => [country, { locales: locales.split(' '), currency }]),
);

/**
 * Records an error for each part of a country/currency/locale combination outside {@link PURCHASE_MARKETS}.
 * Arguments are the already parsed (canonical) codes; an undefined one was reported by its own parser.
 */
export function checkPurchaseMarket(errors: FieldErrors, country?: string, currency?: string, locale?: string): void {
  if (country === undefined) return;
  const market = PURCHASE_MARKETS.get(country);
  if (!market) {
    errors.add('purchaseCountry', `is not a country Klarna sells in (${[...PURCHASE_MARKETS.keys()].join(', ')})`);
    return;
  }
  if (currency !== undefined && currency !== market.currency)
    errors.add('purchaseCurrency', `must be ${market.currency} for purchase country ${country}`);
  if (locale !== undefined && !market.locales.includes(locale))
    errors.add('locale', `must be one of ${market.locales.join(', ')} for purchase country ${country}`);
}
