import { klarnaCustomerTokenContract, klarnaPaymentsContract, type OpenApiContract } from '@paytokens/contract-testing';
import { CustomerTokenRequest } from '@paytokens/domain';
import { createKlarna, type KlarnaServices } from '../src/lib/create-klarna';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME, type SimulatorExchange } from '../src/simulator';
import { minimalInput } from './support/customer-token-requests';
import { chargeRequest, sessionRequest } from './support/flow-requests';

const FLOW_OPERATIONS = ['createSession', 'readSession', 'cancelAuthorization', 'createOrder'];

describe('Klarna recurring-flow traffic against the published documents', () => {
  const payments = klarnaPaymentsContract();
  const tokens = klarnaCustomerTokenContract();
  const contractFor = (exchange: SimulatorExchange): OpenApiContract => (exchange.operation === 'createOrder' ? tokens : payments);
  let simulator: KlarnaSimulator;
  let klarna: KlarnaServices;
  const ignore = () => undefined;

  beforeAll(async () => {
    simulator = await KlarnaSimulator.start();
    klarna = createKlarna({ username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD, baseUrl: simulator.url, circuitBreaker: false });
    for (const intent of ['tokenize', 'buy_and_tokenize', 'buy']) {
      const session = await klarna.createSession.execute(
        sessionRequest({ intent, billingAddress: { givenName: 'Jane', country: 'GB' }, merchantReference1: 'cart-1' }),
      );
      await klarna.readSession.execute(session.sessionId);
    }
    const session = await klarna.createSession.execute(sessionRequest());
    const { authorizationToken } = simulator.authorizeSession(session.sessionId);
    await klarna.readSession.execute(session.sessionId);
    const token = await klarna.issue.execute(CustomerTokenRequest.create(minimalInput(authorizationToken)));
    await klarna.charge.execute(chargeRequest(token.token.tokenId), { idempotencyKey: 'p1' });
    await klarna.charge.execute(
      chargeRequest(token.token.tokenId, {
        merchantUrls: { confirmation: 'https://shop.example/c', push: 'https://shop.example/p' },
        merchantData: 'x',
      }),
      { idempotencyKey: 'p2' },
    );
    const unused = simulator.authorizeSession((await klarna.createSession.execute(sessionRequest())).sessionId);
    await klarna.cancelAuthorization.execute(unused.authorizationToken);
    // Refusals.
    await klarna.cancelAuthorization.execute(unused.authorizationToken).catch(ignore);
    await klarna.readSession.execute('unknown-session').catch(ignore);
    await klarna.charge.execute(chargeRequest('unknown-token'), { idempotencyKey: 'p3' }).catch(ignore);
    simulator.setOrderFault(token.token.tokenId, 'PAYMENT_METHOD_FAILED');
    await klarna.charge.execute(chargeRequest(token.token.tokenId), { idempotencyKey: 'p4' }).catch(ignore);
    simulator.setOrderFault(token.token.tokenId, undefined);
  });

  afterAll(async () => {
    await klarna.close();
    await simulator.close();
  });

  const flowExchanges = () => simulator.exchanges.filter((e) => FLOW_OPERATIONS.includes(e.operation));

  it('covered every new operation, with successes and refusals', () => {
    const statuses = new Set(flowExchanges().map((e) => `${e.operation} ${e.status}`));
    for (const expected of [
      'createSession 200',
      'readSession 200',
      'readSession 404',
      'cancelAuthorization 204',
      'cancelAuthorization 404',
      'createOrder 200',
      'createOrder 404',
      'createOrder 403',
    ]) {
      expect(statuses).toContain(expected);
    }
  });

  it("every request the gateways sent validates against its operation, the charge's Klarna-Idempotency-Key included", () => {
    for (const exchange of flowExchanges()) {
      const result = contractFor(exchange).validateRequest(exchange.method, exchange.path, exchange.requestBody, exchange.requestHeaders);
      expect({ exchange: `${exchange.method} ${exchange.path}`, ...result }).toEqual({
        exchange: `${exchange.method} ${exchange.path}`,
        valid: true,
        errors: [],
      });
      if (exchange.operation === 'createOrder') expect(exchange.requestHeaders['klarna-idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('every answer of the simulator validates: documented statuses against their schema, others as ErrorV2', () => {
    for (const exchange of flowExchanges()) {
      const where = `${exchange.method} ${exchange.path} -> ${exchange.status}`;
      const result = contractFor(exchange).validateResponse(exchange.method, exchange.path, exchange.status!, exchange.responseBody);
      const fallback = exchange.status! >= 400 ? payments.validateSchema('ErrorV2', exchange.responseBody) : result;
      expect({ where, valid: result.valid || fallback.valid }).toEqual({ where, valid: true });
    }
  });
});
