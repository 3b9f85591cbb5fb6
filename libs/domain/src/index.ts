// Public API of @paytokens/domain: plain TypeScript, no framework and no I/O.

/** Stable string codes of every error; compare `error.code`, which survives process and package boundaries. */
export { ErrorCode } from './lib/errors/error-codes';
/** The base of every paytokens error, and the check that recognises one by its code (not `instanceof`). */
export { PaytokensError, isPaytokensError, type PaytokensErrorOptions, type ProviderFault } from './lib/errors/paytokens.error';
/** The error hierarchy, one class per stable code. */
export {
  ValidationError,
  ProviderAuthenticationError,
  NotFoundError,
  ConflictError,
  RejectedError,
  ProviderUnavailableError,
  ProviderTimeoutError,
  RateLimitedError,
  IdempotencyKeyReusedError,
  IdempotencyInProgressError,
  StoreUnavailableError,
  type FieldError,
} from './lib/errors/errors';
/** A value that never prints (logs, JSON, inspect show a mask), and the mask of a value's last characters. */
export { Secret, maskedSuffix } from './lib/value-objects/secret';
/** Branded ISO codes carried by a CustomerTokenRequest. */
export type { CountryCode } from './lib/value-objects/country-code';
/** A branded ISO 4217 currency code. */
export type { CurrencyCode } from './lib/value-objects/currency-code';
/** A branded BCP 47 locale such as `en-GB`. */
export type { Locale } from './lib/value-objects/locale';
/** The shopper and their address, as a customer-token request may carry them. */
export { ORGANIZATION_ENTITY_TYPES, type Address, type Customer, type CustomerType, type OrganizationEntityType } from './lib/customer-token-request/party';
/** A validated request for a customer token, the intended uses, and the calendar-date check its wire rules share. */
export {
  CustomerTokenRequest,
  INTENDED_USES,
  isCalendarDate,
  type CustomerTokenRequestInput,
  type IntendedUse,
} from './lib/customer-token-request/customer-token-request';
/** A customer token as a provider described it. */
export {
  CustomerToken,
  CustomerTokenStatus,
  type CardDetails,
  type DirectDebitDetails,
  type CustomerTokenProps,
} from './lib/entities/customer-token.entity';
/** An access token with its expiry, and its storable form. */
export { AccessToken, type AccessTokenRecord } from './lib/entities/access-token.entity';
/** The ports adapters implement. */
export type { Clock } from './lib/ports/clock.port';
/** The port a customer-token provider implements. */
export type { CustomerTokenGateway } from './lib/ports/customer-token-gateway.port';
/** The port an access-token provider implements. */
export type { AccessTokenIssuer } from './lib/ports/access-token-issuer.port';
/** Where access tokens are cached, with a cross-process fetch lock. */
export type { AccessTokenCache, CacheLock } from './lib/ports/access-token-cache.port';
/** Where idempotency records live. */
export type { IdempotencyStore, IdempotencyBegin, JsonValue } from './lib/ports/idempotency-store.port';
/** Generic injection tokens for the ports; adapters bind them only when a consumer opts in (`bindDomainPorts`). */
export { CUSTOMER_TOKEN_GATEWAY, ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_CACHE, IDEMPOTENCY_STORE } from './lib/ports/di-tokens';
/** The real clock. */
export { SystemClock } from './lib/clock/system-clock';
/** A clock tests move by hand. */
export { ManualClock } from './lib/clock/manual-clock';
/** In-process AccessTokenCache (one process; the default). */
export { InMemoryAccessTokenCache } from './lib/in-memory/in-memory-access-token-cache';
/** In-process IdempotencyStore (one process; the default). */
export { InMemoryIdempotencyStore } from './lib/in-memory/in-memory-idempotency-store';
/** Creates a customer token at most once per idempotency key (scoped by caller and account). */
export {
  IssueCustomerToken,
  type IssueCustomerTokenOptions,
  type IssueCustomerTokenSettings,
  type IssuedCustomerToken,
} from './lib/use-cases/issue-customer-token.use-case';
/** Reads a customer token. */
export { ReadCustomerToken } from './lib/use-cases/read-customer-token.use-case';
/** Cancels a customer token. */
export { CancelCustomerToken } from './lib/use-cases/cancel-customer-token.use-case';
/** A valid access token at any moment: cache, refresh ahead, single flight, shared lock. */
export { GetAccessToken, type AccessTokenEvent, type GetAccessTokenSettings } from './lib/use-cases/get-access-token.use-case';
/** The check every provider applies to a token id before putting it in a URL. */
export { assertTokenId } from './lib/use-cases/token-id';
