import { CustomerTokenRequest } from '@paytokens/domain';
import { ProviderHttpPool } from '@paytokens/provider-kit';
import { hiddenClassesOtherThanFirst } from '@paytokens/testing';
import { createKlarna, type KlarnaServices } from '../src/lib/create-klarna';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '../src/simulator';
import { minimalInput } from './support/customer-token-requests';
import { chargeRequest, sessionRequest } from './support/flow-requests';

// A hidden class made per call is old-generation garbage: at a few thousand charges a second it was most of
// what the charge route promoted (tools/bench/FINDINGS.md, fifth pass). The headers of every call share one.
const CHARGES = 40;

describe('Klarna calls build their requests with one hidden class, against the simulator', () => {
  let simulator: KlarnaSimulator;
  let klarna: KlarnaServices;

  beforeAll(async () => {
    simulator = await KlarnaSimulator.start();
    klarna = createKlarna({ username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD, baseUrl: simulator.url, circuitBreaker: false });
  });
  afterAll(async () => {
    await klarna.close();
    await simulator.close();
  });

  it('charges with different idempotency keys send headers of one hidden class', async () => {
    const session = await klarna.createSession.execute(sessionRequest());
    const { authorizationToken } = simulator.authorizeSession(session.sessionId, { paymentMethodType: 'CARD' });
    const { token } = await klarna.issue.execute(CustomerTokenRequest.create(minimalInput(authorizationToken)));
    const sent = jest.spyOn(ProviderHttpPool.prototype, 'request');
    try {
      // More than a handful: V8 takes its per-call path only once the call site has warmed up.
      for (let period = 1; period <= CHARGES; period++) {
        await klarna.charge.execute(chargeRequest(token.tokenId), { idempotencyKey: `period-${period}` });
      }
      const headers = sent.mock.calls.map(([request]) => request.headers);
      expect(headers).toHaveLength(CHARGES);
      // Each carried its own derived Klarna-Idempotency-Key, in a header object shaped like the others.
      expect(new Set(headers.map((h) => h['Klarna-Idempotency-Key'])).size).toBe(CHARGES);
      expect(hiddenClassesOtherThanFirst(headers)).toBe(0);
    } finally {
      sent.mockRestore();
    }
  });
});
