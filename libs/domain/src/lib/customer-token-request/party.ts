/** A postal address with contact details, in the provider-independent (camelCase) form. Personal data. */
export interface Address {
  title?: string;
  givenName?: string;
  familyName?: string;
  organizationName?: string;
  attention?: string;
  email?: string;
  phone?: string;
  streetAddress?: string;
  streetAddress2?: string;
  postalCode?: string;
  city?: string;
  region?: string;
  country?: string;
}

/** Whether the customer is a consumer or a business. */
export type CustomerType = 'person' | 'organization';

/** Legal forms a business customer may declare. */
export const ORGANIZATION_ENTITY_TYPES = [
  'LIMITED_COMPANY',
  'PUBLIC_LIMITED_COMPANY',
  'ENTREPRENEURIAL_COMPANY',
  'LIMITED_PARTNERSHIP_LIMITED_COMPANY',
  'LIMITED_PARTNERSHIP',
  'GENERAL_PARTNERSHIP',
  'REGISTERED_SOLE_TRADER',
  'SOLE_TRADER',
  'CIVIL_LAW_PARTNERSHIP',
  'PUBLIC_INSTITUTION',
  'OTHER',
] as const;

/** One of {@link ORGANIZATION_ENTITY_TYPES}. */
export type OrganizationEntityType = (typeof ORGANIZATION_ENTITY_TYPES)[number];

/** The customer behind a token: a person or an organization. Personal data. */
export interface Customer {
  type?: CustomerType;
  title?: string;
  gender?: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string;
  /** Four (or all nine) digits of a US social security number. */
  lastFourSsn?: string;
  nationalIdentificationNumber?: string;
  organizationEntityType?: OrganizationEntityType;
  organizationRegistrationId?: string;
  vatId?: string;
}
