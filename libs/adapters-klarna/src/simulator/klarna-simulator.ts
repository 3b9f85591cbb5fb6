import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maskedSuffix, SystemClock, type Clock } from '@paytokens/domain';
import { checkCustomerTokenCreationRequest, checkStatusUpdateRequest, type WireFieldError } from '../lib/wire/klarna-request.rules';
import type { KlarnaCustomerTokenCreationRequest, KlarnaErrorV2 } from '../lib/wire/klarna-wire.types';
import { FLOW_ROUTES, processFlowOperation, type FlowOperation } from './klarna-flow-routes';
import { SimulatorFaults, type FaultKind, type FaultSettings } from './simulator-faults';
import { SimulatorFlowState, type SimulatedOrder, type TokenOrderFault } from './simulator-flow-state';
import { SimulatorRateLimits } from './simulator-rate-limit';
import {
  SimulatorState,
  type MintAuthorizationOptions,
  type MintedAuthorization,
  type SimulatedTokenStatus,
  type SimulatorLedgerEntry,
} from './simulator-state';

/** The simulator's API username unless told otherwise. Not a real credential. */
export const SIMULATOR_USERNAME = 'PK_sim_user';
/** The simulator's API password unless told otherwise. Not a real credential. */
export const SIMULATOR_PASSWORD = 'sim-password';

/** How to start a {@link KlarnaSimulator}. */
export interface KlarnaSimulatorOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default {@link SIMULATOR_USERNAME}. */
  username?: string;
  /** Default {@link SIMULATOR_PASSWORD}. */
  password?: string;
  /** Drives authorization expiry; pass the domain's ManualClock to move time in tests. Default SystemClock. */
  clock?: Clock;
}

/** The Klarna operations the simulator serves. */
export type SimulatorOperation = 'create' | 'read' | 'cancel' | FlowOperation;

/** One request on a Klarna route and what the simulator did with it, for tests to check against the contract. */
export interface SimulatorExchange {
  operation: SimulatorOperation;
  method: string;
  /** The request path with the authorization token masked. */
  path: string;
  /** Request headers, without Authorization. */
  requestHeaders: Record<string, string>;
  /** The parsed JSON body (or the raw text when it was not JSON, `undefined` when empty). */
  requestBody: unknown;
  /** The `Klarna-Correlation-Id` the answer carries (or would have carried). */
  correlationId: string;
  /** The answer's status; `undefined` when the socket was destroyed or the request stalled. */
  status?: number;
  responseBody?: unknown;
  fault?: FaultKind;
}

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_EXCHANGES = 1000;
const CREATE = /^\/payments\/v1\/authorizations\/([^/]+)\/customer-token$/;
const STATUS = /^\/customer-token\/v1\/tokens\/([^/]+)\/status$/;
const TOKEN = /^\/customer-token\/v1\/tokens\/([^/]+)$/;

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A contract-faithful Klarna on loopback: the Payments API's "Generate a customer token" and the Customer
 * Token API's read and cancel, Basic auth, Klarna's error format and correlation ids, single-use
 * authorizations that expire after 60 minutes, and fault injection. Simulator-only routes live under
 * `/simulator/`: mint an authorization, read the ledger, set the faults.
 */
export class KlarnaSimulator {
  /** Fault injection switches (also `PUT /simulator/faults`). */
  readonly faults = new SimulatorFaults();
  /** Klarna's per-operation rate limits; off until switched on (`rateLimits.set({ enabled: true })`). */
  readonly rateLimits = new SimulatorRateLimits();
  /** Sessions, token orders and the merchant/payment-method switches of the recurring flow. */
  readonly flow: SimulatorFlowState;
  /** The simulator's clock (authorization expiry). */
  readonly clock: Clock;
  private readonly state: SimulatorState;
  private readonly counters: Record<SimulatorOperation, number> = {
    create: 0,
    read: 0,
    cancel: 0,
    createSession: 0,
    readSession: 0,
    cancelAuthorization: 0,
    createOrder: 0,
  };
  private readonly journal: SimulatorExchange[] = [];
  private readonly acceptedCredentials: Buffer[] = [];
  private readonly stalled = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server?: Server;
  private address = '';

  private constructor(options: KlarnaSimulatorOptions) {
    this.clock = options.clock ?? new SystemClock();
    this.addAccount(options.username ?? SIMULATOR_USERNAME, options.password ?? SIMULATOR_PASSWORD);
    this.state = new SimulatorState(this.clock, () => this.url);
    this.flow = new SimulatorFlowState(() => this.clock.now());
  }

  /** Starts a simulator listening on `host:port` (default 127.0.0.1, any free port). */
  static async start(options: KlarnaSimulatorOptions = {}): Promise<KlarnaSimulator> {
    const simulator = new KlarnaSimulator(options);
    await simulator.listen(options.host ?? '127.0.0.1', options.port ?? 0);
    return simulator;
  }

  /** The base URL to give the adapter, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return this.address;
  }

  /** Accepts another merchant's API credentials too, so that one simulator serves several accounts. */
  addAccount(username: string, password: string): void {
    if (!username || !password || username.includes(':'))
      throw new RangeError('username and password must not be empty, and username must not contain ":"');
    this.acceptedCredentials.push(sha256(`${username}:${password}`));
  }

  /** Every token created (oldest first), with its current status and the request that made it. */
  get ledger(): readonly SimulatorLedgerEntry[] {
    return this.state.ledger();
  }

  /** Requests received per Klarna operation, faulty ones included. */
  get requestCounts(): Readonly<Record<SimulatorOperation, number>> {
    return { ...this.counters };
  }

  /** The last 1000 requests on Klarna routes and their answers. */
  get exchanges(): readonly SimulatorExchange[] {
    return [...this.journal];
  }

  /** Mints a fresh authorization token, as a shopper's successful Klarna checkout would; valid for 60 minutes once. */
  mintAuthorization(options?: MintAuthorizationOptions): MintedAuthorization {
    return this.state.mint(options);
  }

  /** The shopper authorizes a session created over `POST /payments/v1/sessions`: its intent, country and currency carry over. */
  authorizeSession(sessionId: string, options: Pick<MintAuthorizationOptions, 'paymentMethodType'> = {}): MintedAuthorization {
    const session = this.flow.session(sessionId);
    if (!session) throw new RangeError('No such session');
    const { purchase_country: purchaseCountry, purchase_currency: purchaseCurrency, billing_address, customer } = session.request;
    const shopper = billing_address || customer ? { billing_address, customer } : undefined;
    const minted = this.state.mint({ ...options, intent: session.intent, purchaseCountry, purchaseCurrency, shopper });
    this.flow.authorize(sessionId, minted.authorizationToken);
    return minted;
  }

  /** Every order placed on a token (oldest first): one per Klarna-Idempotency-Key. */
  get orderLedger(): readonly SimulatedOrder[] {
    return this.flow.orderLedger();
  }

  /** Makes the next orders on `tokenId` fail with Klarna's `fault` code (undefined clears it). */
  setOrderFault(tokenId: string, fault: TokenOrderFault | undefined): void {
    this.flow.setOrderFault(tokenId, fault);
  }

  /** Sets a token's status as Klarna itself might (e.g. SUSPENDED); false for an unknown token. */
  setTokenStatus(tokenId: string, status: SimulatedTokenStatus): boolean {
    return this.state.setStatus(tokenId, status);
  }

  /** Forgets the recorded exchanges and zeroes the request counters (tokens and authorizations stay). */
  clearRecords(): void {
    this.journal.length = 0;
    for (const key of Object.keys(this.counters) as SimulatorOperation[]) this.counters[key] = 0;
  }

  /** Stops listening and drops every connection, stalled ones included. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const response of this.stalled) response.socket?.destroy();
    this.stalled.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async listen(host: string, port: number): Promise<void> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch(() => {
        if (!response.headersSent)
          this.send(response, { status: 500, body: errorV2(response, 'INTERNAL_SERVER_ERROR', ['Simulator failure']) });
        else response.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { address, port: boundPort } = server.address() as AddressInfo;
    this.address = `http://${address.includes(':') ? `[${address}]` : address}:${boundPort}`;
    this.server = server;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Every answer carries one, as Klarna's do; error bodies repeat it as correlation_id.
    response.setHeader('Klarna-Correlation-Id', randomUUID());
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0];
    const text = await readBody(request);
    if (text === undefined) {
      this.send(response, { status: 413, body: errorV2(response, 'BAD_REQUEST', ['Request body too large']) });
      return;
    }
    if (path.startsWith('/simulator/')) {
      this.send(response, this.handleSimulatorRoute(method, path, text));
      return;
    }

    const route = matchKlarnaRoute(path);
    if (!route) {
      this.send(response, { status: 404, body: errorV2(response, 'NOT_FOUND', ['No such resource']) });
      return;
    }
    if (method !== route.method) {
      this.send(response, {
        status: 405,
        headers: { allow: route.method },
        body: errorV2(response, 'METHOD_NOT_ALLOWED', [`Use ${route.method}`]),
      });
      return;
    }

    this.counters[route.operation] += 1;
    const rate = this.rateLimits.take(route.operation, this.clock.now());
    for (const [name, value] of Object.entries(rate.headers)) response.setHeader(name, value);
    const exchange: SimulatorExchange = {
      operation: route.operation,
      method,
      path:
        route.operation === 'create' || route.operation === 'cancelAuthorization'
          ? path.replace(route.encodedId, encodeURIComponent(maskedSuffix(route.id)))
          : path,
      requestHeaders: headersWithoutAuthorization(request),
      requestBody: parseJson(text) ?? (text === '' ? undefined : text),
      correlationId: String(response.getHeader('Klarna-Correlation-Id')),
    };
    this.record(exchange);

    if (this.faults.settings.latencyMs > 0) await this.sleep(this.faults.settings.latencyMs);
    if (!this.server) return;
    const fault = this.faults.draw();
    exchange.fault = fault;
    if (fault === 'error') {
      this.answer(response, exchange, {
        status: 503,
        body: errorV2(response, 'SERVICE_UNAVAILABLE', ['Temporary internal error; try again']),
      });
      return;
    }
    if (fault === 'reset') {
      request.socket.destroy();
      return;
    }
    if (fault === 'stall') {
      this.stalled.add(response);
      response.on('close', () => this.stalled.delete(response));
      return;
    }

    const answer = !this.authorized(request)
      ? this.unauthorized()
      : rate.limited
        ? { status: 429, body: errorV2(response, 'RATE_LIMITED', ['Too many requests']) }
        : this.flow.merchantInactive
          ? { status: 403, body: errorV2(response, 'MERCHANT_INACTIVE', ['Merchant is inactive']) }
          : this.process(route.operation, route.id, text, response, request);
    if (fault === 'resetAfterProcessing') {
      request.socket.destroy();
      return;
    }
    this.answer(response, exchange, answer);
  }

  private process(operation: SimulatorOperation, id: string, text: string, response: ServerResponse, request: IncomingMessage): Answer {
    const body = parseJson(text);
    if (operation !== 'create' && operation !== 'read' && operation !== 'cancel') {
      if (body === undefined && (operation === 'createSession' || operation === 'createOrder')) {
        return { status: 400, body: errorV2(response, 'BAD_REQUEST', ['Request body is not valid JSON']) };
      }
      const context = {
        flow: this.flow,
        readToken: (tokenId: string) => this.state.read(tokenId),
        cancelAuthorization: (token: string) => this.state.cancelAuthorization(token),
        errorV2: (code: string, messages: string[]) => errorV2(response, code, messages),
      };
      const key = request.headers['klarna-idempotency-key'];
      return processFlowOperation(context, operation, id, body, typeof key === 'string' ? key : undefined);
    }
    if (operation === 'read') {
      const token = this.state.read(id);
      // docs.klarna.com "Read customer token": NOT_FOUND "Invalid customer-token ID".
      // Observed live: TOKEN_NOT_FOUND "Customer token not found" [K30] (the docs say NOT_FOUND [K9]).
      return token
        ? { status: 200, body: token }
        : { status: 404, body: errorV2(response, 'TOKEN_NOT_FOUND', ['Customer token not found']) };
    }
    if (body === undefined) return { status: 400, body: errorV2(response, 'BAD_REQUEST', ['Request body is not valid JSON']) };

    if (operation === 'cancel') {
      const problems = checkStatusUpdateRequest(body);
      if (problems.length > 0) return { status: 400, body: errorV2(response, 'BAD_VALUE', problems.map(klarnaFieldMessage)) };
      // docs.klarna.com "Cancel a customer token": 202 "accepted and is being processed", NOT_FOUND "Invalid token ID".
      return this.state.cancel(id) ? { status: 202 } : { status: 404, body: errorV2(response, 'NOT_FOUND', ['Invalid token ID']) };
    }

    const problems = checkCustomerTokenCreationRequest(body);
    if (problems.length > 0) return { status: 400, body: errorV2(response, 'BAD_VALUE', problems.map(klarnaFieldMessage)) };
    const created = this.state.create(id, body as KlarnaCustomerTokenCreationRequest, this.flow.notTokenizable);
    switch (created.outcome) {
      case 'created':
        return { status: 200, body: created.response };
      case 'unknown-authorization':
        // docs.klarna.com "Create a customer token": NOT_FOUND "Invalid authorization token" (expired after 60 minutes).
        return { status: 404, body: errorV2(response, 'NOT_FOUND', ['Invalid authorization token']) };
      case 'session-completed':
        return { status: 404, body: errorV2(response, 'SESSION_COMPLETED', ['Session is completed']) };
      case 'intent-buy':
        return { status: 403, body: errorV2(response, 'INVALID_OPERATION', ['Not allowed to create customer tokens for intent buy.']) };
      case 'not-tokenizable':
        return {
          status: 400,
          body: errorV2(response, 'BAD_REQUEST', [
            `${created.paymentMethodType.toLowerCase()} is not valid for creating customer tokens in ${(body as KlarnaCustomerTokenCreationRequest).purchase_country}`,
          ]),
        };
      case 'billing-country':
        return { status: 400, body: errorV2(response, 'BAD_VALUE', ['Bad value: purchase_country']) };
      case 'session-mismatch':
        // The document's 409 "does not match the session"; Klarna's catalogue gives it error_code BAD_VALUE [K5].
        return { status: 409, body: errorV2(response, 'BAD_VALUE', [`Not matching fields: [${created.fields.join(', ')}]`]) };
    }
  }

  private handleSimulatorRoute(method: string, path: string, text: string): Answer {
    if (path === '/simulator/authorizations' && method === 'POST') {
      const body = text.trim() === '' ? {} : parseJson(text);
      if (typeof body !== 'object' || body === null) return simulatorError(400, 'Body must be a JSON object');
      const options = body as Record<string, unknown>;
      try {
        const minted = this.state.mint({
          paymentMethodType: options['payment_method_type'] as MintAuthorizationOptions['paymentMethodType'],
          purchaseCountry: typeof options['purchase_country'] === 'string' ? options['purchase_country'] : undefined,
          purchaseCurrency: typeof options['purchase_currency'] === 'string' ? options['purchase_currency'] : undefined,
        });
        return { status: 201, body: { authorization_token: minted.authorizationToken, expires_at: minted.expiresAt.toISOString() } };
      } catch (error) {
        return simulatorError(400, (error as Error).message);
      }
    }
    if (path === '/simulator/ledger' && method === 'GET') return { status: 200, body: { tokens: this.ledger } };
    if (path === '/simulator/faults' && method === 'GET') return { status: 200, body: this.faults.settings };
    if (path === '/simulator/faults' && method === 'PUT') {
      // PUT replaces: switches not named go back to their defaults.
      const body = parseJson(text);
      try {
        this.faults.reset();
        return { status: 200, body: this.faults.set(body as Partial<FaultSettings>) };
      } catch (error) {
        return simulatorError(400, (error as Error).message);
      }
    }
    return simulatorError(404, 'No such simulator route');
  }

  private authorized(request: IncomingMessage): boolean {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) return false;
    const presented = sha256(Buffer.from(match[1], 'base64').toString('utf8'));
    // Compared with every accepted pair, so the time taken does not say which one matched.
    return this.acceptedCredentials.map((accepted) => timingSafeEqual(presented, accepted)).includes(true);
  }

  private unauthorized(): Answer {
    // docs.klarna.com/api/authentication [K1]: 401; public reports show it without an ErrorV2 body [K31].
    return { status: 401, headers: { 'www-authenticate': 'Basic realm="Klarna API"' } };
  }

  private answer(response: ServerResponse, exchange: SimulatorExchange, answer: Answer): void {
    exchange.status = answer.status;
    exchange.responseBody = answer.body;
    this.send(response, answer);
  }

  private send(response: ServerResponse, answer: Answer): void {
    if (response.destroyed) return;
    const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
    const headers: Record<string, string | number> = { ...answer.headers, 'content-length': Buffer.byteLength(payload) };
    if (answer.body !== undefined) headers['content-type'] = 'application/json';
    response.writeHead(answer.status, headers);
    response.end(payload);
  }

  private record(exchange: SimulatorExchange): void {
    this.journal.push(exchange);
    if (this.journal.length > MAX_EXCHANGES) this.journal.shift();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function matchKlarnaRoute(path: string): { operation: SimulatorOperation; method: string; id: string; encodedId: string } | undefined {
  const routes: [RegExp, SimulatorOperation, string][] = [
    [CREATE, 'create', 'POST'],
    [STATUS, 'cancel', 'PATCH'],
    [TOKEN, 'read', 'GET'],
    ...FLOW_ROUTES,
  ];
  for (const [pattern, operation, method] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    try {
      return { operation, method, id: decodeURIComponent(match[1]), encodedId: match[1] };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Klarna's wording for a field it refuses ("Bad value: purchase_country"), with the reason appended. */
function klarnaFieldMessage(problem: WireFieldError): string {
  return problem.message === 'is required' ? `Missing value: ${problem.path}` : `Bad value: ${problem.path} (${problem.message})`;
}

/** Klarna's error body; its correlation_id repeats the answer's Klarna-Correlation-Id header. */
function errorV2(response: ServerResponse, code: string, messages: string[]): KlarnaErrorV2 {
  return { error_code: code, error_messages: messages, correlation_id: String(response.getHeader('Klarna-Correlation-Id')) };
}

function simulatorError(status: number, message: string): Answer {
  return { status, body: { error: message } };
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function headersWithoutAuthorization(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'authorization' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
