import { createHash, randomUUID } from 'node:crypto';
import { maskedSuffix, type Clock } from '@paytokens/domain';
import { SIMULATED_SHOPPER } from './simulator-flow-state';
import type {
  KlarnaAddress,
  KlarnaCustomer,
  KlarnaCustomerToken,
  KlarnaCustomerTokenCreationRequest,
  KlarnaCustomerTokenCreationResponse,
} from '../lib/wire/klarna-wire.types';

/** An authorization is good for 60 minutes (docs.klarna.com, "Create a customer token": NOT_FOUND after that). */
export const AUTHORIZATION_LIFETIME_MS = 60 * 60 * 1000;

/** The payment methods the simulator tokenizes; each reads back with its own details. */
export const SIMULATED_PAYMENT_METHOD_TYPES = ['CARD', 'DIRECT_DEBIT', 'INVOICE'] as const;
/** One of {@link SIMULATED_PAYMENT_METHOD_TYPES}. */
export type SimulatedPaymentMethodType = (typeof SIMULATED_PAYMENT_METHOD_TYPES)[number];

/** Token states the simulator knows (Klarna: "can be active, cancelled, suspended"). */
export type SimulatedTokenStatus = 'ACTIVE' | 'CANCELLED' | 'SUSPENDED';

/** Options of a minted authorization: what the shopper chose and the session it belongs to. */
export interface MintAuthorizationOptions {
  /** Default: derived from the authorization token, so it is stable for a given token. */
  paymentMethodType?: SimulatedPaymentMethodType;
  /** The session's purchase country; a create naming another one answers 409. */
  purchaseCountry?: string;
  /** The session's purchase currency; a create naming another one answers 409. */
  purchaseCurrency?: string;
  /** The session's intent (default `tokenize`); `buy` refuses customer tokens with 403 INVALID_OPERATION. */
  intent?: string;
  /** The billing address and customer Klarna holds for the shopper (default: a simulated shopper in the purchase country). */
  shopper?: { billing_address?: KlarnaAddress; customer?: KlarnaCustomer };
}

/** A fresh authorization, as the shopper's browser would hand it to the merchant. */
export interface MintedAuthorization {
  authorizationToken: string;
  expiresAt: Date;
}

/** One token the simulator created. */
export interface SimulatorLedgerEntry {
  tokenId: string;
  /** At most the last four characters of the authorization token that was consumed. */
  authorizationTokenHint: string;
  createdAt: Date;
  status: SimulatedTokenStatus;
  paymentMethodType: SimulatedPaymentMethodType;
  /** The `customer_token_creation_request` body as received. */
  request: KlarnaCustomerTokenCreationRequest;
}

interface AuthorizationRecord {
  expiresAt: number;
  used: boolean;
  intent: string;
  shopper?: MintAuthorizationOptions['shopper'];
  paymentMethodType: SimulatedPaymentMethodType;
  purchaseCountry?: string;
  purchaseCurrency?: string;
}

interface TokenRecord extends SimulatorLedgerEntry {
  details: Pick<KlarnaCustomerToken, 'card' | 'direct_debit'>;
}

/** What a create came to. */
export type CreateOutcome =
  | { outcome: 'created'; response: KlarnaCustomerTokenCreationResponse }
  | { outcome: 'unknown-authorization' }
  | { outcome: 'session-completed' }
  | { outcome: 'intent-buy' }
  | { outcome: 'not-tokenizable'; paymentMethodType: string }
  | { outcome: 'billing-country' }
  | { outcome: 'session-mismatch'; fields: string[] };

/** The simulator's Klarna-side state: authorizations, tokens, the ledger. No HTTP here. */
export class SimulatorState {
  private readonly authorizations = new Map<string, AuthorizationRecord>();
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly redirectBase: () => string,
    private readonly maxTokens = 100_000,
  ) {}

  mint(options: MintAuthorizationOptions = {}): MintedAuthorization {
    if (options.paymentMethodType !== undefined && !SIMULATED_PAYMENT_METHOD_TYPES.includes(options.paymentMethodType)) {
      throw new RangeError(`paymentMethodType must be one of ${SIMULATED_PAYMENT_METHOD_TYPES.join(', ')}`);
    }
    this.sweepAuthorizations();
    const authorizationToken = randomUUID();
    const expiresAt = this.clock.now() + AUTHORIZATION_LIFETIME_MS;
    this.authorizations.set(authorizationToken, {
      expiresAt,
      used: false,
      intent: options.intent ?? 'tokenize',
      shopper: options.shopper,
      paymentMethodType: options.paymentMethodType ?? derivedPaymentMethod(authorizationToken),
      purchaseCountry: options.purchaseCountry?.toUpperCase(),
      purchaseCurrency: options.purchaseCurrency?.toUpperCase(),
    });
    return { authorizationToken, expiresAt: new Date(expiresAt) };
  }

  /**
   * Turns an authorization into a token, once, following Klarna's refusals in this order: unknown or expired
   * (404 NOT_FOUND [K6]), used (404 SESSION_COMPLETED [K5]), intent buy (403 INVALID_OPERATION [K7]), a payment
   * method that cannot be tokenized (400 BAD_REQUEST [K7]), a billing country other than the session's (400
   * BAD_VALUE [K6]), other data not matching the session (409 BAD_VALUE [K5]).
   */
  create(
    authorizationToken: string,
    request: KlarnaCustomerTokenCreationRequest,
    notTokenizable: ReadonlySet<string> = new Set(),
  ): CreateOutcome {
    const authorization = this.authorizations.get(authorizationToken);
    if (!authorization || this.clock.now() >= authorization.expiresAt) return { outcome: 'unknown-authorization' };
    if (authorization.used) return { outcome: 'session-completed' };
    if (authorization.intent === 'buy') return { outcome: 'intent-buy' };
    if (notTokenizable.has(authorization.paymentMethodType))
      return { outcome: 'not-tokenizable', paymentMethodType: authorization.paymentMethodType };
    const sessionCountry = authorization.purchaseCountry ?? request.purchase_country.toUpperCase();
    if (request.billing_address?.country !== undefined && request.billing_address.country.toUpperCase() !== sessionCountry)
      return { outcome: 'billing-country' };
    const mismatched: string[] = [];
    if (authorization.purchaseCountry && authorization.purchaseCountry !== request.purchase_country.toUpperCase())
      mismatched.push('purchase_country');
    if (authorization.purchaseCurrency && authorization.purchaseCurrency !== request.purchase_currency.toUpperCase())
      mismatched.push('purchase_currency');
    if (mismatched.length > 0) return { outcome: 'session-mismatch', fields: mismatched };

    authorization.used = true;
    const tokenId = randomUUID();
    const createdAt = new Date(this.clock.now());
    this.tokens.set(tokenId, {
      tokenId,
      authorizationTokenHint: maskedSuffix(authorizationToken),
      createdAt,
      status: 'ACTIVE',
      paymentMethodType: authorization.paymentMethodType,
      request: structuredClone(request),
      details: paymentDetails(authorization.paymentMethodType, authorizationToken, createdAt),
    });
    this.evictOldTokens();

    const response: KlarnaCustomerTokenCreationResponse = {
      token_id: tokenId,
      redirect_url: `${this.redirectBase()}/simulator/sessions/${randomUUID()}/redirect`,
      payment_method_reference: randomUUID(),
    };
    // Klarna answers with the shopper's data as it holds it from the session, not an echo of the request [K7].
    response.billing_address = {
      ...structuredClone(authorization.shopper?.billing_address ?? SIMULATED_SHOPPER.billing_address),
      country: sessionCountry,
    };
    const { date_of_birth, gender } = authorization.shopper?.customer ?? SIMULATED_SHOPPER.customer;
    response.customer = { ...(date_of_birth ? { date_of_birth } : {}), ...(gender ? { gender } : {}) };
    return { outcome: 'created', response };
  }

  /** Releases an unused, unexpired authorization (cancelAuthorization); false otherwise. */
  cancelAuthorization(authorizationToken: string): boolean {
    const authorization = this.authorizations.get(authorizationToken);
    if (!authorization || authorization.used || this.clock.now() >= authorization.expiresAt) return false;
    return this.authorizations.delete(authorizationToken);
  }

  read(tokenId: string): KlarnaCustomerToken | undefined {
    const token = this.tokens.get(tokenId);
    if (!token) return undefined;
    return { status: token.status, payment_method_type: token.paymentMethodType, ...structuredClone(token.details) };
  }

  /**
   * Cancels a token. Cancelling a cancelled token is accepted again (202): the PATCH asks for a state the
   * token is already in, Klarna documents no error for it (only NOT_FOUND and BAD_VALUE), and this keeps a
   * client's retry after a lost answer harmless. Returns false for an unknown token.
   */
  cancel(tokenId: string): boolean {
    const token = this.tokens.get(tokenId);
    if (!token) return false;
    token.status = 'CANCELLED';
    return true;
  }

  /** Sets a token's status directly, e.g. SUSPENDED as Klarna's risk checks would. Returns false for an unknown token. */
  setStatus(tokenId: string, status: SimulatedTokenStatus): boolean {
    const token = this.tokens.get(tokenId);
    if (!token) return false;
    token.status = status;
    return true;
  }

  ledger(): SimulatorLedgerEntry[] {
    return [...this.tokens.values()].map(({ details: _details, ...entry }) => ({
      ...entry,
      createdAt: new Date(entry.createdAt),
      request: structuredClone(entry.request),
    }));
  }

  private sweepAuthorizations(): void {
    if (this.authorizations.size < 10_000) return;
    const now = this.clock.now();
    for (const [token, record] of this.authorizations) if (record.used || record.expiresAt <= now) this.authorizations.delete(token);
  }

  private evictOldTokens(): void {
    for (const tokenId of this.tokens.keys()) {
      if (this.tokens.size <= this.maxTokens) break;
      this.tokens.delete(tokenId);
    }
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function derivedPaymentMethod(authorizationToken: string): SimulatedPaymentMethodType {
  return SIMULATED_PAYMENT_METHOD_TYPES[digest(authorizationToken)[0] % SIMULATED_PAYMENT_METHOD_TYPES.length];
}

const CARD_BRANDS = ['VISA', 'MASTERCARD', 'AMEX'];

/** Masked details in the shapes of the document's examples (`************1234`, `12/2020`), stable per authorization. */
function paymentDetails(type: SimulatedPaymentMethodType, authorizationToken: string, createdAt: Date): TokenRecord['details'] {
  const bytes = digest(`details:${authorizationToken}`);
  const lastDigits = (bytes.readUInt32BE(0) % 10_000).toString().padStart(4, '0');
  if (type === 'CARD') {
    const month = String((bytes[4] % 12) + 1).padStart(2, '0');
    return {
      card: {
        brand: CARD_BRANDS[bytes[5] % CARD_BRANDS.length],
        expiry_date: `${month}/${createdAt.getUTCFullYear() + 3}`,
        masked_number: `************${lastDigits}`,
      },
    };
  }
  if (type === 'DIRECT_DEBIT') return { direct_debit: { masked_number: `**********${lastDigits}` } };
  return {};
}
