// Klarna's JSON as the published OpenAPI documents define it (snake_case). Only the adapter and the
// simulator use these types; nothing past the adapter sees them.

/** `address` (Payments API). */
export interface KlarnaAddress {
  attention?: string;
  city?: string;
  country?: string;
  email?: string;
  family_name?: string;
  given_name?: string;
  organization_name?: string;
  phone?: string;
  postal_code?: string;
  region?: string;
  street_address?: string;
  street_address2?: string;
  title?: string;
}

/** `customer` (Payments API). */
export interface KlarnaCustomer {
  date_of_birth?: string;
  gender?: string;
  last_four_ssn?: string;
  national_identification_number?: string;
  organization_entity_type?: string;
  organization_registration_id?: string;
  title?: string;
  type?: string;
  vat_id?: string;
}

/** `customer_token_creation_request`. */
export interface KlarnaCustomerTokenCreationRequest {
  billing_address?: KlarnaAddress;
  customer?: KlarnaCustomer;
  description: string;
  intended_use: string;
  locale: string;
  purchase_country: string;
  purchase_currency: string;
}

/** `customer_read_create_token`. */
export interface KlarnaCustomerReadCreateToken {
  date_of_birth?: string;
  gender?: string;
}

/** `customer_token_creation_response`. */
export interface KlarnaCustomerTokenCreationResponse {
  billing_address?: KlarnaAddress;
  customer?: KlarnaCustomerReadCreateToken;
  payment_method_reference?: string;
  redirect_url?: string;
  token_id: string;
}

/** `card_information`. */
export interface KlarnaCardInformation {
  brand: string;
  expiry_date: string;
  masked_number: string;
}

/** `direct_debit_information`. */
export interface KlarnaDirectDebitInformation {
  masked_number: string;
}

/** `customer_token` (Customer Token API, read). */
export interface KlarnaCustomerToken {
  card?: KlarnaCardInformation;
  direct_debit?: KlarnaDirectDebitInformation;
  payment_method_type: string;
  status: string;
}

/** `customer_token_status_update_request`. */
export interface KlarnaCustomerTokenStatusUpdateRequest {
  status: 'CANCELLED';
}

/** `ErrorV2`, with the keys real answers add (`reason`, `fraud_status`, `authorized_payment_method`). */
export interface KlarnaErrorV2 {
  correlation_id?: string;
  error_code?: string;
  error_messages?: string[];
  reason?: string;
  fraud_status?: string;
  authorized_payment_method?: { type: string; number_of_days?: number; number_of_installments?: number };
}

/** Pairs of (domain camelCase, Klarna snake_case) names of `address`. */
export const ADDRESS_FIELD_NAMES = [
  ['title', 'title'],
  ['givenName', 'given_name'],
  ['familyName', 'family_name'],
  ['organizationName', 'organization_name'],
  ['attention', 'attention'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['streetAddress', 'street_address'],
  ['streetAddress2', 'street_address2'],
  ['postalCode', 'postal_code'],
  ['city', 'city'],
  ['region', 'region'],
  ['country', 'country'],
] as const;

/** Pairs of (domain camelCase, Klarna snake_case) names of `customer`. */
export const CUSTOMER_FIELD_NAMES = [
  ['type', 'type'],
  ['title', 'title'],
  ['gender', 'gender'],
  ['dateOfBirth', 'date_of_birth'],
  ['lastFourSsn', 'last_four_ssn'],
  ['nationalIdentificationNumber', 'national_identification_number'],
  ['organizationEntityType', 'organization_entity_type'],
  ['organizationRegistrationId', 'organization_registration_id'],
  ['vatId', 'vat_id'],
] as const;
