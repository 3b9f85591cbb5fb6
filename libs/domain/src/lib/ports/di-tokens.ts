// Injection tokens for the ports. Symbols, so no two libraries can collide on a string.

/** Token for the {@link CustomerTokenGateway} port. */
export const CUSTOMER_TOKEN_GATEWAY = Symbol.for('paytokens.CustomerTokenGateway');
/** Token for the {@link AccessTokenIssuer} port. */
export const ACCESS_TOKEN_ISSUER = Symbol.for('paytokens.AccessTokenIssuer');
/** Token for the {@link AccessTokenCache} port. */
export const ACCESS_TOKEN_CACHE = Symbol.for('paytokens.AccessTokenCache');
/** Token for the {@link IdempotencyStore} port. */
export const IDEMPOTENCY_STORE = Symbol.for('paytokens.IdempotencyStore');
/** Token for the {@link PaymentSessionGateway} port. */
export const PAYMENT_SESSION_GATEWAY = Symbol.for('paytokens.PaymentSessionGateway');
/** Token for the {@link CustomerTokenOrderGateway} port. */
export const CUSTOMER_TOKEN_ORDER_GATEWAY = Symbol.for('paytokens.CustomerTokenOrderGateway');
