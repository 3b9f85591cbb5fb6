import { randomUUID } from 'node:crypto';
import type { KlarnaAddress, KlarnaCustomer } from '../lib/wire/klarna-wire.types';
import type {
  KlarnaCustomerTokenOrder,
  KlarnaOrder,
  KlarnaSessionCreateRequest,
  KlarnaSessionRead,
} from '../lib/wire/klarna-flow-wire.types';

/** A payment session as the simulator holds it. */
export interface SimulatedSession {
  sessionId: string;
  intent: string;
  request: KlarnaSessionCreateRequest;
  clientToken: string;
  status: 'incomplete' | 'complete';
  authorizationToken?: string;
  expiresAt: Date;
}

/** Token-order refusals a test can arm per token ([K7][K8]). */
export const TOKEN_ORDER_FAULTS = [
  'TOKEN_FORBIDDEN',
  'PAYMENT_METHOD_FAILED',
  'UNAVAILABLE_PAYMENT_METHOD',
  'PAYMENT_METHOD_CURRENCY_MISMATCH',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
/** One of {@link TOKEN_ORDER_FAULTS}. */
export type TokenOrderFault = (typeof TOKEN_ORDER_FAULTS)[number];

/** One order the simulator placed on a token. */
export interface SimulatedOrder {
  orderId: string;
  tokenId: string;
  idempotencyKey?: string;
  createdAt: Date;
  request: KlarnaCustomerTokenOrder;
  response: KlarnaOrder;
}

/** What the shopper "entered" in the simulated checkout, as Klarna then holds it. */
export const SIMULATED_SHOPPER: { billing_address: KlarnaAddress; customer: KlarnaCustomer } = {
  billing_address: {
    given_name: 'Testperson',
    family_name: 'Approved',
    email: 'shopper@example.com',
    street_address: '1 Sim Street',
    postal_code: '12345',
    city: 'Simtown',
  },
  // The shape of Klarna's example token response [K7]: date_of_birth "dd.mm.yyyy", gender, title.
  customer: { date_of_birth: '01.01.1979', gender: 'M', title: 'Mr' },
};

const SESSION_LIFETIME_MS = 48 * 60 * 60 * 1000;

/** Sessions and token orders: the parts of the simulator's Klarna state the recurring flow adds. */
export class SimulatorFlowState {
  private readonly sessions = new Map<string, SimulatedSession>();
  private readonly orders = new Map<string, SimulatedOrder>();
  private readonly ordersByKey = new Map<string, SimulatedOrder>();
  private readonly orderFaults = new Map<string, TokenOrderFault>();
  /** Payment method types that cannot be tokenized (`configure`); their create-token answers 400 BAD_REQUEST. */
  readonly notTokenizable = new Set<string>();
  /** When true, every Klarna operation answers 403 MERCHANT_INACTIVE. */
  merchantInactive = false;

  constructor(private readonly now: () => number) {}

  createSession(request: KlarnaSessionCreateRequest): SimulatedSession {
    const sessionId = randomUUID();
    const session: SimulatedSession = {
      sessionId,
      intent: request.intent ?? 'buy',
      request: structuredClone(request),
      clientToken: `sim.${Buffer.from(JSON.stringify({ session_id: sessionId })).toString('base64url')}`,
      status: 'incomplete',
      expiresAt: new Date(this.now() + SESSION_LIFETIME_MS),
    };
    this.sessions.set(sessionId, session);
    return session;
  }

  session(sessionId: string): SimulatedSession | undefined {
    return this.sessions.get(sessionId);
  }

  /** The session_read answer: what the merchant sent plus the shopper's data once authorized. */
  readSession(sessionId: string): KlarnaSessionRead | undefined {
    const session = this.sessions.get(sessionId);
    if (!session) return undefined;
    const { customer: _customer, ...request } = session.request;
    return {
      ...structuredClone(request),
      intent: session.intent,
      client_token: session.clientToken,
      status: session.status,
      expires_at: session.expiresAt.toISOString(),
      payment_method_categories: paymentMethodCategories(),
      ...(session.authorizationToken ? { authorization_token: session.authorizationToken } : {}),
    };
  }

  /** Marks the session authorized by the shopper with `authorizationToken`. */
  authorize(sessionId: string, authorizationToken: string): void {
    const session = this.sessions.get(sessionId);
    if (session) {
      session.status = 'complete';
      session.authorizationToken = authorizationToken;
    }
  }

  /** Arms a refusal for the next orders on `tokenId` (undefined clears it). */
  setOrderFault(tokenId: string, fault: TokenOrderFault | undefined): void {
    if (fault === undefined) this.orderFaults.delete(tokenId);
    else this.orderFaults.set(tokenId, fault);
  }

  orderFault(tokenId: string): TokenOrderFault | undefined {
    return this.orderFaults.get(tokenId);
  }

  /** Places an order once per idempotency key: the same key answers the same order, never a second one. */
  placeOrder(tokenId: string, paymentMethodType: string, request: KlarnaCustomerTokenOrder, idempotencyKey?: string): SimulatedOrder {
    const known = idempotencyKey === undefined ? undefined : this.ordersByKey.get(`${tokenId}\n${idempotencyKey}`);
    if (known) return known;
    const orderId = randomUUID();
    const order: SimulatedOrder = {
      orderId,
      tokenId,
      idempotencyKey,
      createdAt: new Date(this.now()),
      request: structuredClone(request),
      response: {
        order_id: orderId,
        fraud_status: 'ACCEPTED',
        redirect_url: `https://simulator.invalid/orders/${orderId}/redirect`,
        authorized_payment_method: {
          type:
            paymentMethodType.toLowerCase() === 'card'
              ? 'card'
              : paymentMethodType.toLowerCase() === 'direct_debit'
                ? 'direct_debit'
                : 'invoice',
        },
      },
    };
    this.orders.set(orderId, order);
    if (idempotencyKey !== undefined) this.ordersByKey.set(`${tokenId}\n${idempotencyKey}`, order);
    return order;
  }

  /** Every order placed, oldest first. */
  orderLedger(): SimulatedOrder[] {
    return [...this.orders.values()].map((order) => structuredClone(order));
  }
}

function paymentMethodCategories(): { identifier: string; name: string }[] {
  return [
    { identifier: 'pay_later', name: 'Pay later.' },
    { identifier: 'pay_over_time', name: 'Financing.' },
  ];
}
