import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '@paytokens/adapters-klarna/simulator';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';
import { startTestApi, type TestApi } from '../support/api-harness';

// Long enough for 300 probes to be answered within it on a busy machine (the test waits it out once).
const CACHE_MS = 4000;

/** Stands in for Klarna's base URL and counts the probe requests readiness sends it. */
async function countingUpstream(): Promise<{ server: Server; url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((_request, response) => {
    requests++;
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

describe('Health probes never multiply provider calls (e2e)', () => {
  let upstream: Awaited<ReturnType<typeof countingUpstream>>;
  let zenki: ZenkiSimulator;
  let api: TestApi;

  beforeAll(async () => {
    upstream = await countingUpstream();
    zenki = await ZenkiSimulator.start();
    api = await startTestApi({
      SIMULATE_PROVIDERS: 'false',
      KLARNA_BASE_URL: upstream.url,
      KLARNA_USERNAME: SIMULATOR_USERNAME,
      KLARNA_PASSWORD: SIMULATOR_PASSWORD,
      ZENKI_BASE_URL: zenki.url,
      ZENKI_CLIENT_ID: ZENKI_SIMULATOR_CLIENT_ID,
      ZENKI_CLIENT_SECRET: ZENKI_SIMULATOR_CLIENT_SECRET,
      READINESS_CACHE_MS: String(CACHE_MS),
    });
  });

  afterAll(async () => {
    await api?.close();
    await zenki?.close();
    await new Promise((resolve) => upstream?.server.close(resolve));
  });

  it('answers 300 simultaneous /health/ready probes from one check, then checks again once the answer is older than READINESS_CACHE_MS', async () => {
    const before = upstream.requests();
    const answers = await Promise.all(Array.from({ length: 300 }, () => api.call('GET', '/health/ready', { apiKey: null })));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(upstream.requests() - before).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, CACHE_MS + 100));
    await api.call('GET', '/health/ready', { apiKey: null });
    expect(upstream.requests() - before).toBe(2);
    // The test waits READINESS_CACHE_MS out once: Jest's default 5 s left under a second for 300 probes.
  }, 20_000);

  it('/health/live checks nothing: 200 probes send no request upstream', async () => {
    const before = { klarna: upstream.requests(), zenki: zenki.tokenRequests + zenki.apiRequests };
    const answers = await Promise.all(Array.from({ length: 200 }, () => api.call('GET', '/health/live', { apiKey: null })));
    expect(answers.every((answer) => answer.status === 200 && answer.body.status === 'ok')).toBe(true);
    expect(upstream.requests()).toBe(before.klarna);
    expect(zenki.tokenRequests + zenki.apiRequests).toBe(before.zenki);
  });
});
