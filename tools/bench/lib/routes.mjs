// The API routes the bench loads, in one place for the bench, the encryption case and the instruction counter.
export const ZENKI_PATH = '/v1/zenki/access-tokens';
/** The Klarna create route; a charge is `${KLARNA_PATH}/<tokenId>/orders`. */
export const KLARNA_PATH = '/v1/klarna/customer-tokens';
export const SESSION_PATH = '/v1/klarna/sessions';
