import { OpenApiContract } from './openapi-contract';

/** Klarna Payments API v1 (create a customer token). */
export const klarnaPaymentsContract = (): OpenApiContract => new OpenApiContract('klarna/klarna-payments-api-openapi.yml');

/** Klarna Customer Token API v1 (read, cancel). */
export const klarnaCustomerTokenContract = (): OpenApiContract => new OpenApiContract('klarna/klarna-customer-token-api-openapi.yml');

/** Zenkipay API: TokenOAuth2 lists required fields it never defines (SOURCE.txt); that list is corrected. */
export const zenkiContract = (): OpenApiContract =>
  new OpenApiContract('zenki/openapi.yaml', [
    {
      schema: 'TokenOAuth2',
      dropUndefinedRequired: ['refreshExpiresIn', 'refreshToken', 'scope'],
      why: 'Zenki answers without them and the document defines no such properties',
    },
  ]);
