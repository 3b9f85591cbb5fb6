import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SystemClock, type Clock } from '@paytokens/domain';
import { ZenkiFaults, type ZenkiFaultSettings } from './zenki-simulator-faults';

/** The client id the simulator accepts unless told otherwise. */
export const ZENKI_SIMULATOR_CLIENT_ID = 'sim-client-id';
/** The client secret the simulator accepts unless told otherwise (a test value, not a real secret). */
export const ZENKI_SIMULATOR_CLIENT_SECRET = 'sim-client-secret';

/** How to start a {@link ZenkiSimulator}. */
export interface ZenkiSimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default {@link ZENKI_SIMULATOR_CLIENT_ID}. */
  clientId?: string;
  /** Default {@link ZENKI_SIMULATOR_CLIENT_SECRET}. */
  clientSecret?: string;
  /** `expiresIn` of issued tokens. Default 1800. */
  expiresInSeconds?: number;
  /** Decides token expiry; pass a ManualClock to move time in tests. Default the system clock. */
  clock?: Clock;
  /** Source of chance for the fault rates. Default Math.random. */
  random?: () => number;
}

/** One request the simulator received (control routes excluded), for contract tests. */
export interface RecordedZenkiRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  /** The parsed JSON body, or the raw text when it was not JSON, or undefined when empty. */
  body: unknown;
}

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

const TOKEN_PATH = '/v1/oauth/tokens';
const MERCHANT_PATH = '/v1/pay/me';
const MAX_BODY_BYTES = 64 * 1024;
const MAX_RECORDED = 200;

/**
 * A Zenki look-alike on loopback for tests and local runs: the token endpoint and `GET /v1/pay/me`
 * as the published document describes them, switchable faults, counters, and a clock tests can move.
 * Control over HTTP: `GET|PUT|DELETE /simulator/faults`, `GET /simulator/stats`, `POST /simulator/revoke-all`.
 */
export class ZenkiSimulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly clock: Clock;
  readonly faults: ZenkiFaults;
  /** The most recent requests (at most 200), oldest first. */
  readonly requests: RecordedZenkiRequest[] = [];
  private readonly clients = new Map<string, string>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly issuedPerClient = new Map<string, number>();
  private readonly stalled = new Set<ServerResponse>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private expiresInSeconds: number;
  private issued = 0;
  private tokenCalls = 0;
  private apiCalls = 0;
  private closed = false;

  private constructor(
    private readonly server: Server,
    options: ZenkiSimulatorOptions,
  ) {
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${host}:${address.port}`;
    this.clock = options.clock ?? new SystemClock();
    this.faults = new ZenkiFaults(options.random);
    this.expiresInSeconds = 1800;
    this.setExpiresIn(options.expiresInSeconds ?? 1800);
    this.addClient(options.clientId ?? ZENKI_SIMULATOR_CLIENT_ID, options.clientSecret ?? ZENKI_SIMULATOR_CLIENT_SECRET);
  }

  /** Starts a simulator listening on `host:port` (127.0.0.1, any free port by default). */
  static async start(options: ZenkiSimulatorOptions = {}): Promise<ZenkiSimulator> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const simulator = new ZenkiSimulator(server, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      simulator.handle(req, res).catch(() => {
        if (!res.headersSent) simulator.json(res, 500, { error: 'server_error', errorDescription: 'Unexpected error' });
        else res.destroy();
      });
    });
    return simulator;
  }

  /** How many tokens were issued, to every client. */
  get issuedCount(): number {
    return this.issued;
  }

  /** How many requests reached the token endpoint, faulted and refused ones included. */
  get tokenRequests(): number {
    return this.tokenCalls;
  }

  /** How many requests reached the other routes. */
  get apiRequests(): number {
    return this.apiCalls;
  }

  /** How many tokens were issued to one client id. */
  issuedTo(clientId: string): number {
    return this.issuedPerClient.get(clientId) ?? 0;
  }

  /** Accepts another credential set (its tokens are its own). */
  addClient(clientId: string, clientSecret: string): void {
    if (!clientId || !clientSecret) throw new RangeError('clientId and clientSecret must not be empty');
    this.clients.set(clientId, clientSecret);
  }

  /** `expiresIn` of the tokens issued from now on, in whole seconds (0 allowed, to test how clients take it). */
  setExpiresIn(seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError('expiresIn must be a whole number of seconds, not below 0');
    this.expiresInSeconds = seconds;
  }

  /** Makes one issued token unknown, as if Zenki had revoked it; true when it was known. */
  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  /** Makes every issued token unknown, as if Zenki had restarted. */
  revokeAll(): void {
    this.tokens.clear();
  }

  /** Stops listening and drops every connection, stalled ones included. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.timers.clear();
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const res of this.stalled) res.destroy();
    this.stalled.clear();
    this.server.closeAllConnections();
    await closing;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    if (raw === undefined) return this.json(res, 400, { error: 'invalid_request', errorDescription: 'Request body is too large' });
    if (path.startsWith('/simulator/')) return this.control(method, path, raw, res);

    this.record(method, path, req, raw);
    const route = path === TOKEN_PATH ? 'token' : 'api';
    if (route === 'token') this.tokenCalls++;
    else this.apiCalls++;
    const fault = this.faults.draw(route);
    const latencyMs = this.faults.settings.latencyMs;
    if (latencyMs > 0) await this.sleep(latencyMs);
    if (this.closed) return;
    if (fault === 'stall') {
      this.stalled.add(res);
      res.on('close', () => this.stalled.delete(res));
      return;
    }
    if (fault === 'reset') {
      req.socket.resetAndDestroy();
      return;
    }
    if (fault === 'error') {
      return route === 'token'
        ? this.json(res, 500, { error: 'server_error', errorDescription: 'Unexpected error' })
        : this.json(res, 500, this.errorResponse(500, 'Internal Server Error', 'Something went wrong, please try again.'));
    }
    if (route === 'token') return this.token(method, req, raw, res);
    if (path === MERCHANT_PATH) return this.merchant(method, req, res);
    return this.json(res, 404, this.errorResponse(404, 'Resource not found', 'The requested resource does not exist.'));
  }

  private token(method: string, req: IncomingMessage, raw: string, res: ServerResponse): void {
    const refuse = (status: number, error: string, errorDescription: string) => this.json(res, status, { error, errorDescription });
    if (method !== 'POST') return refuse(405, 'invalid_request', 'Method not allowed');
    // Zenki's document takes JSON only; 400 (a documented status) rather than 415.
    if (!isJson(req.headers['content-type'])) return refuse(400, 'invalid_request', 'Content-Type must be JSON');
    const accept = req.headers['accept'];
    if (!accept) return refuse(400, 'invalid_request', 'Accept header is required');
    if (!acceptsJson(accept)) return refuse(400, 'invalid_request', 'Accept must allow JSON');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(400, 'invalid_request', 'Malformed JSON body');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(400, 'invalid_request', 'Body must be a JSON object');
    const fields = body as Record<string, unknown>;
    for (const [name, max] of [
      ['clientId', 128],
      ['clientSecret', 128],
      ['grantType', 30],
    ] as const) {
      const value = fields[name];
      if (typeof value !== 'string' || value === '') return refuse(400, 'invalid_request', `${name} is required`);
      if (value.length > max) return refuse(400, 'invalid_request', `${name} is too long`);
    }
    if (fields['grantType'] !== 'client_credentials') return refuse(400, 'unsupported_grant_type', 'Unsupported grant type');
    const clientId = fields['clientId'] as string;
    if (this.clients.get(clientId) !== fields['clientSecret']) return refuse(400, 'unauthorized_client', 'Invalid identity');

    const accessToken = `zsim_${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    this.forgetExpired(now);
    this.tokens.set(accessToken, { clientId, expiresAt: now + this.expiresInSeconds * 1000 });
    this.issued++;
    this.issuedPerClient.set(clientId, this.issuedTo(clientId) + 1);
    this.json(res, 200, { accessToken, tokenType: 'Bearer', expiresIn: this.expiresInSeconds });
  }

  private merchant(method: string, req: IncomingMessage, res: ServerResponse): void {
    if (method !== 'GET') return this.json(res, 405, this.errorResponse(405, 'Method not allowed', 'Use GET for this resource.'));
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers['authorization'] ?? '');
    const issued = match ? this.tokens.get(match[1]) : undefined;
    if (!issued || issued.expiresAt <= this.clock.now()) {
      res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      return this.json(res, 401, this.errorResponse(401, 'Unauthorized', 'The access token is missing, unknown or expired.'));
    }
    // Both are required by the document on this GET; a client that omits them is told so.
    if (!isJson(req.headers['content-type']) || !acceptsJson(req.headers['accept'] ?? '')) {
      return this.json(res, 406, this.errorResponse(406, 'Headers not accepted', 'Send Content-Type and Accept as application/json.'));
    }
    this.json(res, 200, merchantFor(issued.clientId));
  }

  private control(method: string, path: string, raw: string, res: ServerResponse): void {
    if (path === '/simulator/faults' && method === 'GET') return this.json(res, 200, this.faults.settings);
    if (path === '/simulator/faults' && method === 'DELETE') {
      this.faults.reset();
      return this.json(res, 200, this.faults.settings);
    }
    if (path === '/simulator/faults' && method === 'PUT') {
      try {
        this.faults.set(JSON.parse(raw || '{}') as Partial<ZenkiFaultSettings>);
      } catch (error) {
        return this.json(res, 400, {
          error: 'invalid_request',
          errorDescription: error instanceof RangeError ? error.message : 'Malformed JSON body',
        });
      }
      return this.json(res, 200, this.faults.settings);
    }
    if (path === '/simulator/stats' && method === 'GET') {
      return this.json(res, 200, { issuedCount: this.issued, tokenRequests: this.tokenCalls, apiRequests: this.apiCalls });
    }
    if (path === '/simulator/revoke-all' && method === 'POST') {
      this.revokeAll();
      res.writeHead(204).end();
      return;
    }
    this.json(res, 404, { error: 'invalid_request', errorDescription: 'Unknown simulator route' });
  }

  private errorResponse(status: number, title: string, humanMessage: string): Record<string, unknown> {
    return {
      requestId: randomUUID().replace(/-/g, '').slice(0, 16),
      title,
      errorCode: status,
      category: 'ERROR',
      humanMessage,
      timestamp: this.clock.now(),
    };
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private record(method: string, path: string, req: IncomingMessage, raw: string): void {
    let body: unknown = raw === '' ? undefined : raw;
    try {
      if (raw !== '') body = JSON.parse(raw);
    } catch {
      // Kept as text: a contract test wants to see what was sent, parseable or not.
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    this.requests.push({ method, path, headers, body });
    if (this.requests.length > MAX_RECORDED) this.requests.shift();
  }

  private forgetExpired(now: number): void {
    // Bounds memory under load without a timer.
    if (this.tokens.size < 10_000) return;
    for (const [token, issued] of this.tokens) if (issued.expiresAt <= now) this.tokens.delete(token);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.timers.add(entry);
    });
  }
}

/** The merchant the simulator describes for a client id: every documented field, valid values. */
function merchantFor(clientId: string): Record<string, unknown> {
  return {
    merchantInfo: {
      commercialName: `Simulated merchant ${clientId}`,
      legalName: 'Simulated Merchant S.A. de C.V.',
      accountType: 'ENTITY',
      kycStatus: 'APPROVED',
      integrationStatus: 'COMPLETED',
    },
    integrationConfig: { plugins: [{ name: 'SCRIPT', clientId }] },
    cryptoLovePercentage: 1,
    cryptoAssets: [
      { currency: 'BTC', active: true },
      { currency: 'USDC', active: true },
      { currency: 'ETH', active: false },
    ],
    escrowConfig: { orderType: 'MIXED', shopperNotification: 6, timeWaitToApproval: 24 },
  };
}

function isJson(contentType: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? '');
}

function acceptsJson(accept: string): boolean {
  return accept.split(',').some((part) => /^\s*(application\/json|application\/\*|\*\/\*)\s*(;|$)/i.test(part));
}

/** The whole body as text; undefined when it exceeds the limit. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
