import { OpenApiContract } from './openapi-contract';

/** Klarna Payments API v1 (create a customer token). */
export const klarnaPaymentsContract = (): OpenApiContract => new OpenApiContract('klarna/klarna-payments-api-openapi.yml');

/** Klarna Customer Token API v1 (read, cancel). */
export const klarnaCustomerTokenContract = (): OpenApiContract => new OpenApiContract('klarna/klarna-customer-token-api-openapi.yml');

/** The Zenkipay document's schemas that list required names they never define (the generator copied them). */
export const ZENKI_ERRATA = [
  {
    schema: 'TokenOAuth2',
    dropUndefinedRequired: ['refreshExpiresIn', 'refreshToken', 'scope'],
    why: 'SOURCE.txt: Zenki answers without them and the document defines no such properties',
  },
  { schema: 'Merchant', dropUndefinedRequired: ['cryptoCurrencies'], why: 'never defined; cryptoAssets is' },
  { schema: 'Merchant_escrowConfig', dropUndefinedRequired: ['amount', 'blockchain', 'currency'], why: 'never defined in this schema' },
];

/** Zenkipay API, with {@link ZENKI_ERRATA} corrected. */
export const zenkiContract = (): OpenApiContract => new OpenApiContract('zenki/openapi.yaml', ZENKI_ERRATA);
