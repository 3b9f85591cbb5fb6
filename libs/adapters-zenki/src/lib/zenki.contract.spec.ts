// The traffic between the adapter and the simulator, checked against Zenki's published OpenAPI document.
import { OpenApiContract, zenkiContract } from '@paytokens/contract-testing';
import { ManualClock } from '@paytokens/domain';
import { RawHttp } from '@paytokens/testing';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '../simulator';
import { createZenki, type ZenkiServices } from './create-zenki';

const contract = zenkiContract();
// The document exactly as published, for showing that the corrections cover only undefined names.
const uncorrected = new OpenApiContract('zenki/openapi.yaml');

const credentials = { clientId: ZENKI_SIMULATOR_CLIENT_ID, clientSecret: ZENKI_SIMULATOR_CLIENT_SECRET, grantType: 'client_credentials' };
const json = { 'content-type': 'application/json', accept: 'application/json' };

describe('Zenki contract', () => {
  let simulator: ZenkiSimulator;
  let zenki: ZenkiServices;
  const http = new RawHttp();

  beforeEach(async () => {
    const clock = new ManualClock();
    simulator = await ZenkiSimulator.start({ clock });
    zenki = createZenki(
      { clientId: ZENKI_SIMULATOR_CLIENT_ID, clientSecret: ZENKI_SIMULATOR_CLIENT_SECRET, baseUrl: simulator.url },
      { clock },
    );
  });
  afterEach(async () => {
    await zenki.close();
    await simulator.close();
  });
  afterAll(() => http.close());

  describe('what the adapter sends', () => {
    it('POSTs the token request as the document says: JSON headers, camelCase body', async () => {
      await zenki.issuer.issue();
      expect(simulator.requests).toHaveLength(1);
      const [sent] = simulator.requests;
      expect(sent.method).toBe('POST');
      expect(sent.path).toBe('/v1/oauth/tokens');
      expect(sent.headers['content-type']).toBe('application/json');
      expect(sent.headers['accept']).toBe('application/json');
      expect(sent.body).toEqual(credentials);
      expect(contract.validateRequest(sent.method, sent.path, sent.body, sent.headers)).toEqual({ valid: true, errors: [] });
    });

    it('GETs /v1/pay/me with the headers the document requires', async () => {
      await zenki.client.getMerchantInfo();
      const sent = simulator.requests.find((r) => r.path === '/v1/pay/me')!;
      expect(sent.body).toBeUndefined();
      expect(sent.headers['authorization']).toMatch(/^Bearer zsim_/);
      expect(contract.validateRequest(sent.method, sent.path, sent.body, sent.headers)).toEqual({ valid: true, errors: [] });
    });
  });

  describe('what the simulator answers on POST /v1/oauth/tokens', () => {
    it('200 validates as TokenOAuth2, with the erratum', async () => {
      const answer = await http.postJson(`${simulator.url}/v1/oauth/tokens`, credentials);
      expect(answer.status).toBe(200);
      expect(contract.validateResponse('POST', '/v1/oauth/tokens', 200, answer.body)).toEqual({ valid: true, errors: [] });
    });

    it.each([
      ['form-encoded', { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, 'clientId=a&clientSecret=b'],
      ['no Accept', { 'content-type': 'application/json' }, JSON.stringify(credentials)],
      ['Accept without JSON', { 'content-type': 'application/json', accept: 'text/html' }, JSON.stringify(credentials)],
      ['malformed JSON', json, '{'],
      ['not an object', json, '"clientId"'],
      ['missing clientId', json, JSON.stringify({ clientSecret: 'x', grantType: 'client_credentials' })],
      ['too long clientSecret', json, JSON.stringify({ ...credentials, clientSecret: 'x'.repeat(129) })],
      ['other grant type', json, JSON.stringify({ ...credentials, grantType: 'authorization_code' })],
      ['wrong credentials', json, JSON.stringify({ ...credentials, clientSecret: 'wrong' })],
    ])('400 (%s) validates as AuthenticationErrorResponse', async (_case, headers, body) => {
      const answer = await http.postJson(`${simulator.url}/v1/oauth/tokens`, body, headers);
      expect(answer.status).toBe(400);
      expect(contract.validateResponse('POST', '/v1/oauth/tokens', 400, answer.body)).toEqual({ valid: true, errors: [] });
    });

    it('500 validates as AuthenticationErrorResponse', async () => {
      simulator.faults.set({ failNext: 1, failKind: 'error' });
      const answer = await http.postJson(`${simulator.url}/v1/oauth/tokens`, credentials);
      expect(answer.status).toBe(500);
      expect(contract.validateResponse('POST', '/v1/oauth/tokens', 500, answer.body)).toEqual({ valid: true, errors: [] });
    });

    it('the contract check itself catches an off-contract answer', () => {
      expect(contract.validateResponse('POST', '/v1/oauth/tokens', 200, { tokenType: 'Bearer', expiresIn: 1800 }).valid).toBe(false);
      expect(contract.validateResponse('POST', '/v1/oauth/tokens', 400, { error: 'x', errorDescription: 'y'.repeat(31) }).valid).toBe(
        false,
      );
    });
  });

  describe('what the simulator answers on GET /v1/pay/me', () => {
    const me = async (headers: Record<string, string>) => http.send(`${simulator.url}/v1/pay/me`, 'GET', headers);
    const bearer = async () => `Bearer ${(await zenki.getAccessToken.execute()).value.reveal()}`;

    it('200 validates as Merchant, once the document’s undefined required names are corrected', async () => {
      const answer = await me({ ...json, authorization: await bearer() });
      expect(answer.status).toBe(200);
      expect(contract.validateResponse('GET', '/v1/pay/me', 200, answer.body)).toEqual({ valid: true, errors: [] });
      // Without the correction, the only complaints are the names the document never defines.
      const strict = uncorrected.validateResponse('GET', '/v1/pay/me', 200, answer.body);
      expect(strict.errors.map((e) => /missingProperty":"(\w+)/.exec(e)?.[1]).sort()).toEqual([
        'amount',
        'blockchain',
        'cryptoCurrencies',
        'currency',
      ]);
    });

    it('406 and 500 validate as ErrorResponse', async () => {
      const notAccepted = await me({ accept: 'application/json', authorization: await bearer() });
      expect(notAccepted.status).toBe(406);
      expect(contract.validateResponse('GET', '/v1/pay/me', 406, notAccepted.body)).toEqual({ valid: true, errors: [] });
      simulator.faults.set({ failNext: 1, failKind: 'error', target: 'api' });
      const failed = await me({ ...json, authorization: await bearer() });
      expect(failed.status).toBe(500);
      expect(contract.validateResponse('GET', '/v1/pay/me', 500, failed.body)).toEqual({ valid: true, errors: [] });
    });

    it('401 (which the document does not list) carries a valid ErrorResponse body', async () => {
      const answer = await me({ ...json, authorization: 'Bearer zsim_unknown' });
      expect(answer.status).toBe(401);
      expect(contract.validateSchema('ErrorResponse', answer.body)).toEqual({ valid: true, errors: [] });
    });
  });
});
