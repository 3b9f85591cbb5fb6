import { connect, type Socket } from 'node:net';
import { customerTokenBody, mintAuthorization, startTestApi, type TestApi } from '../support/api-harness';

const HEADERS_TIMEOUT_MS = 500;
const PER_ADDRESS = 5;

/** Opens a raw TCP connection to the app. */
function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with what the server wrote before it closed the socket, or rejects after `ms` if it is still open. */
function closedWithin(socket: Socket, ms: number): Promise<string> {
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('Hostile clients are bounded (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      REQUEST_TIMEOUT_MS: '1000',
      MAX_CONNECTIONS_PER_ADDRESS: String(PER_ADDRESS),
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each([
    ['the create route', '/v1/klarna/customer-tokens'],
    ['the simulator route', '/v1/simulator/klarna/authorizations'],
  ])('refuses JSON nested thousands of levels on %s with 400, never a 500', async (_name, path) => {
    const response = await api.call('POST', path, { body: nested(5000), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'MALFORMED_REQUEST', detail: 'The request body nests deeper than 32 levels.' });
  });

  it('refuses a body with more keys than JSON_MAX_KEYS with 400, and still takes a normal one', async () => {
    const manyKeys = `{${Array.from({ length: 1500 }, (_, i) => `"k${i}":1`).join(',')}}`;
    const refused = await api.call('POST', '/v1/klarna/customer-tokens', {
      body: manyKeys,
      headers: { 'content-type': 'application/json' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe('The request body holds more than 1000 keys.');
    // Brackets and colons inside strings are data, not structure.
    const created = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody(await mintAuthorization(api), { description: '{[{[: deep? no:' }),
    });
    expect(created.status).toBe(201);
  });

  it('cuts a client that sends its headers too slowly (408) and counts it in metrics', async () => {
    const socket = await openSocket(api.url);
    socket.write('POST /v1/klarna/customer-tokens HTTP/1.1\r\nHost: x\r\n');
    const received = await closedWithin(socket, HEADERS_TIMEOUT_MS * 3 + 1000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    const metrics = await api.call('GET', '/metrics', { apiKey: null });
    expect(metrics.text).toMatch(/client_connections_cut_total\{reason="slow"\} [1-9]/);
  });

  it('cuts a client that sends its body too slowly (REQUEST_TIMEOUT_MS), never with a 5xx', async () => {
    const socket = await openSocket(api.url);
    socket.write(
      'POST /v1/klarna/customer-tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
    );
    const received = await closedWithin(socket, 3000);
    expect(received).not.toMatch(/^HTTP\/1\.1 5/);
  });

  it('closes connections past MAX_CONNECTIONS_PER_ADDRESS at once, and serves again once they are gone', async () => {
    const held = await Promise.all(Array.from({ length: PER_ADDRESS }, () => openSocket(api.url)));
    try {
      const extra = await openSocket(api.url);
      await expect(closedWithin(extra, 1000)).resolves.toBe('');
      const metrics = await fetchMetricsAfter(held);
      expect(metrics).toMatch(/client_connections_cut_total\{reason="per_address"\} [1-9]/);
    } finally {
      for (const socket of held) socket.destroy();
    }
  });

  /** Frees the held sockets, then scrapes (the scrape needs a connection of its own). */
  async function fetchMetricsAfter(held: Socket[]): Promise<string> {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (await api.call('GET', '/metrics', { apiKey: null })).text;
  }
});

describe('The total connection cap (e2e)', () => {
  it('closes connections past MAX_CONNECTIONS at once and counts them', async () => {
    const api = await startTestApi({ MAX_CONNECTIONS: '3' });
    const held = await Promise.all(Array.from({ length: 3 }, () => openSocket(api.url)));
    try {
      const extra = await openSocket(api.url);
      await expect(closedWithin(extra, 1000)).resolves.toBe('');
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await api.call('GET', '/metrics', { apiKey: null })).text).toMatch(/client_connections_cut_total\{reason="total"\} [1-9]/);
    } finally {
      for (const socket of held) socket.destroy();
      await api.close();
    }
  });
});

describe('The in-memory idempotency store keeps its promise or refuses (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ IDEMPOTENCY_MEMORY_MAX_RECORDS: '2' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('when full, answers a new key 503 STORE_UNAVAILABLE without calling Klarna, keeps replaying the old keys, and counts the refusal', async () => {
    const bodies = [await mintAuthorization(api), await mintAuthorization(api), await mintAuthorization(api)].map((token) =>
      customerTokenBody(token),
    );
    const first = await api.call('POST', '/v1/klarna/customer-tokens', { json: bodies[0], headers: { 'idempotency-key': 'full-1' } });
    const second = await api.call('POST', '/v1/klarna/customer-tokens', { json: bodies[1], headers: { 'idempotency-key': 'full-2' } });
    expect([first.status, second.status]).toEqual([201, 201]);
    const tokensBefore = api.simulators?.klarna.ledger.length;
    const refused = await api.call('POST', '/v1/klarna/customer-tokens', { json: bodies[2], headers: { 'idempotency-key': 'full-3' } });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('STORE_UNAVAILABLE');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(api.simulators?.klarna.ledger.length).toBe(tokensBefore);
    const replay = await api.call('POST', '/v1/klarna/customer-tokens', { json: bodies[0], headers: { 'idempotency-key': 'full-1' } });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.tokenId).toBe(first.body.tokenId);
    const metrics = (await api.call('GET', '/metrics', { apiKey: null })).text;
    expect(metrics).toMatch(/idempotency_store_full_refusals_total 1\b/);
    expect(metrics).toMatch(/idempotency_memory_records 2\b/);
    expect(metrics).toMatch(/idempotency_memory_capacity 2\b/);
  });
});
