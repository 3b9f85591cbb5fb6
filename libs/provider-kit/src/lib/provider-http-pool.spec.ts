import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallDeadline } from './call-deadline';
import { MAX_RESPONSE_BYTES, ProviderHttpPool } from './provider-http-pool';

describe('ProviderHttpPool (against a real HTTP server on loopback)', () => {
  let server: Server;
  let baseUrl: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === '/base/big') return void res.end(Buffer.alloc(MAX_RESPONSE_BYTES + 1, 'x'));
      if (req.url === '/base/slow') return void setTimeout(() => res.end('late'), 2_000).unref();
      if (req.url === '/base/dribble') {
        res.write('first part, then nothing for a while');
        return void setTimeout(() => res.end(), 2_000).unref();
      }
      res.setHeader('retry-after', '3');
      res.statusCode = 418;
      res.end('short and stout');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/base/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends under the base path and answers any status with its headers and body', async () => {
    const pool = new ProviderHttpPool({ baseUrl, timeoutMs: 1_000 });
    const response = await pool.request({ method: 'GET', path: '/teapot', headers: {}, signal: new AbortController().signal });
    expect(response).toMatchObject({ status: 418, text: 'short and stout', headers: expect.objectContaining({ 'retry-after': '3' }) });
    expect(seen).toContain('GET /base/teapot');
    await pool.close();
  });

  it('refuses an answer over the body limit, a deadline as a timeout, and any request once closed', async () => {
    const pool = new ProviderHttpPool({ baseUrl, timeoutMs: 1_000 });
    const signal = () => new AbortController().signal;
    await expect(pool.request({ method: 'GET', path: '/big', headers: {}, signal: signal() })).rejects.toMatchObject({
      kind: 'network',
      errorCode: 'RESPONSE_TOO_LARGE',
    });
    await expect(pool.request({ method: 'GET', path: '/slow', headers: {}, signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
      kind: 'timeout',
      beforeResponse: true,
    });
    await pool.close();
    expect(pool.closed).toBe(true);
    await expect(pool.request({ method: 'GET', path: '/teapot', headers: {}, signal: signal() })).rejects.toMatchObject({ kind: 'closed' });
  });

  it('ends a call at its CallDeadline, waiting for the head or reading the body, and not once the deadline is cleared', async () => {
    const pool = new ProviderHttpPool({ baseUrl, timeoutMs: 5_000 });
    const waiting = new CallDeadline(100);
    await expect(pool.request({ method: 'GET', path: '/slow', headers: {}, signal: waiting })).rejects.toMatchObject({
      kind: 'timeout',
      beforeResponse: true,
    });
    expect(waiting.aborted).toBe(true);
    expect(waiting.reason).toMatchObject({ name: 'AbortError' });
    const reading = new CallDeadline(100);
    await expect(pool.request({ method: 'GET', path: '/dribble', headers: {}, signal: reading })).rejects.toMatchObject({
      kind: 'timeout',
      beforeResponse: false,
    });
    const cleared = new CallDeadline(50);
    const response = await pool.request({ method: 'GET', path: '/teapot', headers: {}, signal: cleared });
    cleared.clear();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(response.status).toBe(418);
    expect(cleared.aborted).toBe(false);
    expect(cleared.listenerCount('abort')).toBe(0);
    await pool.close();
  });
});
