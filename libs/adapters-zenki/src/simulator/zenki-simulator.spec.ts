import { ManualClock } from '@paytokens/domain';
import { RawHttp } from '@paytokens/testing';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from './zenki-simulator';
import { ZenkiFaults } from './zenki-simulator-faults';

const credentials = { clientId: ZENKI_SIMULATOR_CLIENT_ID, clientSecret: ZENKI_SIMULATOR_CLIENT_SECRET, grantType: 'client_credentials' };
const json = { 'content-type': 'application/json', accept: 'application/json' };

describe('ZenkiSimulator', () => {
  let clock: ManualClock;
  let simulator: ZenkiSimulator;
  const http = new RawHttp();

  beforeEach(async () => {
    clock = new ManualClock();
    simulator = await ZenkiSimulator.start({ clock });
  });
  afterEach(() => simulator.close());
  afterAll(() => http.close());

  async function issue(): Promise<string> {
    const answer = await http.postJson(`${simulator.url}/v1/oauth/tokens`, credentials);
    expect(answer.status).toBe(200);
    return (answer.body as { accessToken: string }).accessToken;
  }

  const me = (token: string, headers: Record<string, string> = json) =>
    http.send(`${simulator.url}/v1/pay/me`, 'GET', { ...headers, authorization: `Bearer ${token}` });

  it('listens on loopback and issues opaque bearer tokens, counting them', async () => {
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await http.postJson(`${simulator.url}/v1/oauth/tokens`, credentials);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ accessToken: expect.stringMatching(/^zsim_[\w-]{43}$/), tokenType: 'Bearer', expiresIn: 1800 });
    const second = await issue();
    expect(second).not.toBe((answer.body as { accessToken: string }).accessToken);
    expect(simulator.issuedCount).toBe(2);
    expect(simulator.tokenRequests).toBe(2);
    expect(simulator.issuedTo(ZENKI_SIMULATOR_CLIENT_ID)).toBe(2);
  });

  it.each([
    [
      'a form-encoded body',
      { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      'clientId=a',
      'invalid_request',
      'Content-Type must be JSON',
    ],
    [
      'no Accept header',
      { 'content-type': 'application/json' },
      JSON.stringify(credentials),
      'invalid_request',
      'Accept header is required',
    ],
    [
      'an Accept without JSON',
      { 'content-type': 'application/json', accept: 'text/html' },
      JSON.stringify(credentials),
      'invalid_request',
      'Accept must allow JSON',
    ],
    ['malformed JSON', json, '{"clientId":', 'invalid_request', 'Malformed JSON body'],
    ['a JSON array', json, '[]', 'invalid_request', 'Body must be a JSON object'],
    [
      'no clientSecret',
      json,
      JSON.stringify({ clientId: 'a', grantType: 'client_credentials' }),
      'invalid_request',
      'clientSecret is required',
    ],
    [
      'snake_case fields',
      json,
      JSON.stringify({ client_id: 'a', client_secret: 'b', grant_type: 'client_credentials' }),
      'invalid_request',
      'clientId is required',
    ],
    [
      'another grant type',
      json,
      JSON.stringify({ ...credentials, grantType: 'password' }),
      'unsupported_grant_type',
      'Unsupported grant type',
    ],
    ['a wrong secret', json, JSON.stringify({ ...credentials, clientSecret: 'nope' }), 'unauthorized_client', 'Invalid identity'],
    ['an unknown client', json, JSON.stringify({ ...credentials, clientId: 'who' }), 'unauthorized_client', 'Invalid identity'],
  ])('answers %s with 400 and an AuthenticationErrorResponse', async (_case, headers, body, error, errorDescription) => {
    const answer = await http.postJson(`${simulator.url}/v1/oauth/tokens`, body, headers);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error, errorDescription });
    expect(simulator.issuedCount).toBe(0);
    expect(simulator.tokenRequests).toBe(1);
  });

  it('serves /v1/pay/me for a live token and 401 for an unknown, revoked or expired one', async () => {
    const token = await issue();
    const ok = await me(token);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ merchantInfo: { commercialName: `Simulated merchant ${ZENKI_SIMULATOR_CLIENT_ID}` } });

    expect((await me('zsim_unknown')).status).toBe(401);
    const missing = await http.send(`${simulator.url}/v1/pay/me`, 'GET', json);
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer error="invalid_token"');

    expect(simulator.revoke(token)).toBe(true);
    expect((await me(token)).status).toBe(401);

    const other = await issue();
    simulator.revokeAll();
    expect((await me(other)).status).toBe(401);

    const aging = await issue();
    clock.advance(1_799_999);
    expect((await me(aging)).status).toBe(200);
    clock.advance(1);
    expect((await me(aging)).status).toBe(401);
  });

  it('requires the JSON headers the document makes mandatory on /v1/pay/me', async () => {
    const token = await issue();
    const answer = await me(token, { accept: 'application/json' });
    expect(answer.status).toBe(406);
    expect(answer.body).toMatchObject({ errorCode: 406, title: 'Headers not accepted' });
  });

  it('issues tokens with the configured lifetime, and keeps each client its own tokens', async () => {
    simulator.setExpiresIn(5);
    simulator.addClient('second-client', 'second-secret');
    const answer = await http.postJson(`${simulator.url}/v1/oauth/tokens`, {
      clientId: 'second-client',
      clientSecret: 'second-secret',
      grantType: 'client_credentials',
    });
    expect(answer.body).toMatchObject({ expiresIn: 5 });
    const token = (answer.body as { accessToken: string }).accessToken;
    expect((await me(token)).body).toMatchObject({ merchantInfo: { commercialName: 'Simulated merchant second-client' } });
    expect(simulator.issuedTo('second-client')).toBe(1);
    expect(simulator.issuedTo(ZENKI_SIMULATOR_CLIENT_ID)).toBe(0);
    expect(() => simulator.setExpiresIn(1.5)).toThrow(RangeError);
  });

  it('fails the next n requests as told, then recovers', async () => {
    simulator.faults.set({ failNext: 2, failKind: 'error' });
    for (let i = 0; i < 2; i++) {
      const answer = await http.postJson(`${simulator.url}/v1/oauth/tokens`, credentials);
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ error: 'server_error', errorDescription: 'Unexpected error' });
    }
    await issue();
    expect(simulator.tokenRequests).toBe(3);
    expect(simulator.issuedCount).toBe(1);
  });

  it('resets connections and stalls as told', async () => {
    simulator.faults.set({ failNext: 1, failKind: 'reset' });
    await expect(http.postJson(`${simulator.url}/v1/oauth/tokens`, credentials)).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/),
    });

    simulator.faults.set({ failNext: 1, failKind: 'stall' });
    const stalled = http.postJson(`${simulator.url}/v1/oauth/tokens`, credentials);
    const settled = jest.fn();
    void stalled.then(settled, settled);
    await issue(); // a second request goes through while the first hangs
    expect(settled).not.toHaveBeenCalled();
    await simulator.close(); // closing drops the stalled connection
    await expect(stalled).rejects.toBeDefined();
  });

  it('limits faults to a target', async () => {
    const token = await issue();
    simulator.faults.set({ errorRate: 1, target: 'api' });
    await issue();
    const answer = await me(token);
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ errorCode: 500, category: 'ERROR' });
  });

  it('adds latency to every answer', async () => {
    simulator.faults.set({ latencyMs: 30 });
    const started = performance.now();
    await issue();
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('is switched over HTTP: PUT, GET and DELETE /simulator/faults, GET /simulator/stats, POST /simulator/revoke-all', async () => {
    const put = await http.send(
      `${simulator.url}/simulator/faults`,
      'PUT',
      json,
      JSON.stringify({ failNext: 1, failKind: 'error', target: 'token' }),
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ failNext: 1, failKind: 'error', target: 'token' });
    expect((await http.postJson(`${simulator.url}/v1/oauth/tokens`, credentials)).status).toBe(500);
    const token = await issue();

    const bad = await http.send(`${simulator.url}/simulator/faults`, 'PUT', json, JSON.stringify({ errorRate: 2 }));
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'invalid_request', errorDescription: 'errorRate must be between 0 and 1' });

    await http.send(`${simulator.url}/simulator/faults`, 'PUT', json, JSON.stringify({ latencyMs: 5 }));
    expect((await http.send(`${simulator.url}/simulator/faults`, 'GET')).body).toMatchObject({ latencyMs: 5 });
    expect((await http.send(`${simulator.url}/simulator/faults`, 'DELETE')).body).toMatchObject({ latencyMs: 0, failNext: 0 });
    expect((await http.send(`${simulator.url}/simulator/stats`, 'GET')).body).toEqual({ issuedCount: 1, tokenRequests: 2, apiRequests: 0 });

    expect((await http.send(`${simulator.url}/simulator/revoke-all`, 'POST')).status).toBe(204);
    expect((await me(token)).status).toBe(401);
  });
});

describe('ZenkiFaults', () => {
  it('draws from the rates with the given source of chance', () => {
    let next = 0;
    const values = [0.05, 0.15, 0.25, 0.95];
    const faults = new ZenkiFaults(() => values[next++]);
    faults.set({ errorRate: 0.1, resetRate: 0.1, stallRate: 0.1 });
    expect(values.map(() => faults.draw('token'))).toEqual(['error', 'reset', 'stall', undefined]);
  });

  it('refuses out-of-range switches and changes nothing then', () => {
    const faults = new ZenkiFaults();
    expect(() => faults.set({ errorRate: 0.6, resetRate: 0.6 })).toThrow('must not exceed 1');
    expect(() => faults.set({ failNext: -1 })).toThrow(RangeError);
    expect(() => faults.set({ failKind: 'boom' as never })).toThrow(RangeError);
    expect(() => faults.set({ nonsense: 1 } as never)).toThrow('unknown fault switch nonsense');
    expect(faults.settings).toMatchObject({ errorRate: 0, resetRate: 0, failNext: 0 });
  });
});
