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
export {
  ORGANIZATION_ENTITY_TYPES,
  type Address,
  type Customer,
  type CustomerType,
  type OrganizationEntityType,
} from './lib/customer-token-request/party';
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
export {
  CUSTOMER_TOKEN_GATEWAY,
  ACCESS_TOKEN_ISSUER,
  ACCESS_TOKEN_CACHE,
  IDEMPOTENCY_STORE,
  PAYMENT_SESSION_GATEWAY,
  CUSTOMER_TOKEN_ORDER_GATEWAY,
} from './lib/ports/di-tokens';
/** The real clock. */
export { SystemClock } from './lib/clock/system-clock';
/** A clock tests move by hand. */
export { ManualClock } from './lib/clock/manual-clock';
/** In-process AccessTokenCache (one process; the default). */
export { InMemoryAccessTokenCache } from './lib/in-memory/in-memory-access-token-cache';
/** In-process IdempotencyStore (one process; the default). */
export {
  InMemoryIdempotencyStore,
  IdempotencyStoreFullError,
  DEFAULT_MAX_IDEMPOTENCY_RECORDS,
} from './lib/in-memory/in-memory-idempotency-store';
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
/** The check every provider applies to a token id before putting it in a URL, and its boolean form. */
export { assertTokenId, isTokenId } from './lib/use-cases/token-id';
/** Provider refusals of the Klarna recurring flow, each with a stable `reason` and guidance. */
export {
  RefusalReason,
  TokenNotFoundError,
  TokenNotChargeableError,
  ChargeRetryableError,
  ReauthorizationRequiredError,
  CurrencyMismatchError,
  TokenizationNotAllowedError,
  PaymentMethodNotTokenizableError,
  MerchantInactiveError,
} from './lib/errors/provider-refusals';
/** The message of a required field that is absent, null or empty, and the test for such a value. */
export { REQUIRED_MESSAGE, isMissing } from './lib/value-objects/field-errors';
/** Order lines in minor units, as sessions and charges carry them. */
export { ORDER_LINE_TYPES, type OrderLine, type OrderLineType } from './lib/order/order-lines';
/** The merchant's callback URLs of a session or charge. */
export type { MerchantUrls } from './lib/order/merchant-urls';
/** Klarna's published purchase countries with their currencies and locales. */
export { PURCHASE_MARKETS, type PurchaseMarket } from './lib/payment-session/purchase-markets';
/** A validated request for a payment session, and its intents. */
export {
  SESSION_INTENTS,
  PaymentSessionRequest,
  type SessionIntent,
  type PaymentSessionRequestInput,
} from './lib/payment-session/payment-session-request';
/** A payment session as the provider described it. */
export { PaymentSession, type PaymentMethodCategory, type PaymentSessionProps } from './lib/payment-session/payment-session.entity';
/** A validated request to charge a customer token. */
export { TokenChargeRequest, type TokenChargeRequestInput } from './lib/token-charge/token-charge-request';
/** The order a charge made. */
export { TokenOrder, type AuthorizedPaymentMethod, type TokenOrderProps } from './lib/token-charge/token-order.entity';
/** The port a payment-session provider implements. */
export type { PaymentSessionGateway } from './lib/ports/payment-session-gateway.port';
/** The port a provider that charges customer tokens implements. */
export type { CustomerTokenOrderGateway } from './lib/ports/customer-token-order-gateway.port';
/** Creates and reads payment sessions; cancels an unused authorization. */
export { CreatePaymentSession, ReadPaymentSession, CancelAuthorization } from './lib/use-cases/payment-session.use-cases';
/** Charges a customer token at most once per idempotency key, with a stable provider idempotency key. */
export {
  ChargeCustomerToken,
  providerIdempotencyKey,
  type ChargeCustomerTokenOptions,
  type ChargedCustomerToken,
} from './lib/use-cases/charge-customer-token.use-case';
/** How long idempotency records live, and the defaults. */
export { DEFAULT_IDEMPOTENCY_SETTINGS, type IdempotencySettings } from './lib/use-cases/idempotent-operation';
