import type { KlarnaCustomerTokenOrder, KlarnaSessionCreateRequest } from '../lib/wire/klarna-flow-wire.types';
import type { KlarnaCustomerToken, KlarnaErrorV2 } from '../lib/wire/klarna-wire.types';
import type { SimulatorFlowState } from './simulator-flow-state';

/** The recurring-flow operations the simulator serves beside create/read/cancel token. */
export type FlowOperation = 'createSession' | 'readSession' | 'cancelAuthorization' | 'createOrder';

/** An answer before it is written. */
export interface FlowAnswer {
  status: number;
  body?: unknown;
}

/** What a flow route needs from the simulator. */
export interface FlowContext {
  flow: SimulatorFlowState;
  readToken: (tokenId: string) => KlarnaCustomerToken | undefined;
  /** Cancels an unused authorization; false when it is unknown, expired or used. */
  cancelAuthorization: (authorizationToken: string) => boolean;
  errorV2: (code: string, messages: string[]) => KlarnaErrorV2;
}

/** Route patterns (path → operation, method). */
export const FLOW_ROUTES: [RegExp, FlowOperation, string][] = [
  [/^\/payments\/v1\/sessions$/, 'createSession', 'POST'],
  [/^\/payments\/v1\/sessions\/([^/]+)$/, 'readSession', 'GET'],
  [/^\/payments\/v1\/authorizations\/([^/]+)$/, 'cancelAuthorization', 'DELETE'],
  [/^\/customer-token\/v1\/tokens\/([^/]+)\/order$/, 'createOrder', 'POST'],
];

const INTENTS = ['buy', 'tokenize', 'buy_and_tokenize'];
// Token statuses Klarna refuses to charge, with its codes [K7][K8].
const STATUS_REFUSALS: Record<string, string> = { SUSPENDED: 'TOKEN_SUSPENDED', CANCELLED: 'TOKEN_CANCELLED' };
const FAULT_STATUS: Record<string, number> = { SERVICE_UNAVAILABLE: 503, INTERNAL_SERVER_ERROR: 500 };

/** Serves one recurring-flow operation, as Klarna documents it. */
export function processFlowOperation(
  context: FlowContext,
  operation: FlowOperation,
  id: string,
  body: unknown,
  idempotencyKey?: string,
): FlowAnswer {
  const { flow, errorV2 } = context;
  switch (operation) {
    case 'readSession': {
      const session = flow.readSession(id);
      return session ? { status: 200, body: session } : { status: 404, body: errorV2('NOT_FOUND', ['Session not found']) };
    }
    case 'cancelAuthorization':
      // cancelAuthorization: 204 without a body; an unknown authorization is 404 NOT_FOUND.
      return context.cancelAuthorization(id)
        ? { status: 204 }
        : { status: 404, body: errorV2('NOT_FOUND', ['Invalid authorization token']) };
    case 'createSession': {
      const problems = sessionProblems(body);
      if (problems.length > 0)
        return {
          status: 400,
          body: errorV2(
            'BAD_VALUE',
            problems.map((path) => `Bad value: ${path}`),
          ),
        };
      const session = flow.createSession(body as KlarnaSessionCreateRequest);
      const read = flow.readSession(session.sessionId);
      return {
        status: 200,
        body: {
          session_id: session.sessionId,
          client_token: session.clientToken,
          payment_method_categories: read?.payment_method_categories,
        },
      };
    }
    case 'createOrder':
      return createOrder(context, id, body, idempotencyKey);
  }
}

function createOrder(context: FlowContext, tokenId: string, body: unknown, idempotencyKey?: string): FlowAnswer {
  const { flow, errorV2 } = context;
  const token = context.readToken(tokenId);
  // Observed live answer for an unknown token [K30]; the token-order docs list TOKEN_NOT_FOUND 404 too [K7][K8].
  if (!token) return { status: 404, body: errorV2('TOKEN_NOT_FOUND', ['Customer token not found']) };
  const problems = orderProblems(body);
  if (problems.length > 0)
    return {
      status: 400,
      body: errorV2(
        'BAD_VALUE',
        problems.map((path) => `Bad value: ${path}`),
      ),
    };
  const refusal = STATUS_REFUSALS[token.status];
  if (refusal) return { status: 403, body: errorV2(refusal, [`Customer token is ${token.status.toLowerCase()}`]) };
  const fault = flow.orderFault(tokenId);
  if (fault) return { status: FAULT_STATUS[fault] ?? 403, body: errorV2(fault, [`Simulated ${fault}`]) };
  const order = flow.placeOrder(tokenId, token.payment_method_type, body as KlarnaCustomerTokenOrder, idempotencyKey);
  return { status: 200, body: order.response };
}

/** The snake_case paths a session_create breaks (the simulator's subset of the document's rules). */
function sessionProblems(body: unknown): string[] {
  if (!isObject(body)) return ['body'];
  const problems: string[] = [];
  if (body['intent'] !== undefined && !INTENTS.includes(body['intent'] as string)) problems.push('intent');
  if (typeof body['purchase_country'] !== 'string' || !/^[A-Za-z]{2}$/.test(body['purchase_country'])) problems.push('purchase_country');
  if (typeof body['purchase_currency'] !== 'string' || !/^[A-Za-z]{3}$/.test(body['purchase_currency'])) problems.push('purchase_currency');
  problems.push(...amountProblems(body, 0));
  return problems;
}

function orderProblems(body: unknown): string[] {
  if (!isObject(body)) return ['body'];
  const problems: string[] = [];
  if (typeof body['purchase_currency'] !== 'string' || !/^[A-Za-z]{3}$/.test(body['purchase_currency'])) problems.push('purchase_currency');
  if (!Number.isInteger(body['order_tax_amount'])) problems.push('order_tax_amount');
  problems.push(...amountProblems(body, 1));
  return problems;
}

/** Klarna's arithmetic: order_amount is the sum of the lines' total_amount. */
function amountProblems(body: Record<string, unknown>, minimumAmount: number): string[] {
  const lines = body['order_lines'];
  if (!Array.isArray(lines) || lines.length === 0 || !lines.every((l) => isObject(l) && Number.isInteger(l['total_amount'])))
    return ['order_lines'];
  const amount = body['order_amount'];
  if (!Number.isInteger(amount) || (amount as number) < minimumAmount) return ['order_amount'];
  const sum = lines.reduce((total: number, line) => total + (line as { total_amount: number }).total_amount, 0);
  return sum === amount ? [] : ['order_amount'];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
