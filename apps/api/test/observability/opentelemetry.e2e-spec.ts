import { randomBytes } from 'node:crypto';
import { customerTokenBody, leaksIn, mintAuthorization, startTestApi, type TestApi } from '../support/api-harness';
import { OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';

const SERVER = 2;
const CLIENT = 3;

/** A caller's W3C trace context with fresh ids. */
function callerContext(): { traceId: string; spanId: string; traceparent: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

describe('OpenTelemetry export over OTLP/HTTP (e2e: the real app, a loopback receiver)', () => {
  let receiver: OtlpReceiver;
  let api: TestApi;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    api = await startTestApi({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'paytokens-api-e2e',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      // debug: the provider-call line of a call that went well is written too, and must carry the trace id.
      LOG_LEVEL: 'debug',
    });
  });

  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  /** Flushes the SDK until `found` holds (background work may end after the answer), at most 5 s. */
  async function exported<T>(found: () => T | undefined): Promise<T> {
    for (let tries = 0; tries < 50; tries++) {
      await api.telemetry.openTelemetry!.forceFlush();
      const value = found();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('not exported within 5 s');
  }

  it("continues the caller's trace: server span, use case span and Klarna CLIENT span, with route templates only", async () => {
    const authorizationToken = await mintAuthorization(api, { paymentMethodType: 'CARD' });
    const caller = callerContext();
    const created = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody(authorizationToken),
      headers: { traceparent: caller.traceparent },
    });
    expect(created.status).toBe(201);

    const spans = await exported(() => {
      const trace = receiver.trace(caller.traceId);
      return trace.some((span) => span.kind === SERVER) && trace.some((span) => span.kind === CLIENT) ? trace : undefined;
    });
    const server = spans.find((span) => span.kind === SERVER)!;
    expect(server).toMatchObject({ name: 'POST /v1/klarna/customer-tokens', parentSpanId: caller.spanId });
    expect(server.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/v1/klarna/customer-tokens',
      'http.response.status_code': 201,
    });
    const useCase = spans.find((span) => span.name === 'IssueCustomerToken')!;
    expect(useCase.parentSpanId).toBe(server.spanId);
    const klarna = spans.find((span) => span.kind === CLIENT && span.attributes['paytokens.provider'] === 'klarna')!;
    expect(klarna.name).toBe('POST /payments/v1/authorizations/{authorizationToken}/customer-token');
    expect(klarna.attributes).toMatchObject({
      'http.request.method': 'POST',
      'url.template': '/payments/v1/authorizations/{authorizationToken}/customer-token',
      'server.address': '127.0.0.1',
      'http.response.status_code': 200,
    });
    expect(typeof klarna.attributes['server.port']).toBe('number');
    expect(isDescendant(klarna, useCase, spans)).toBe(true);
    expect(JSON.stringify(spans.map((span) => span.raw))).not.toContain(authorizationToken);

    // Every log line of the request carries its trace id: the access line and the Klarna call's line.
    const lines = api.logs.records().filter((record) => record['trace_id'] === caller.traceId);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'request completed', reqId: created.headers['x-request-id'], status: 201 }),
        expect.objectContaining({ msg: 'provider call', provider: 'klarna', operation: 'create' }),
      ]),
    );
  });

  it('runs a background token refresh as a trace of its own, linked to the request that triggered it', async () => {
    // A token usable for 3 s (60 s skew): a cache hit after half of that starts a background refresh.
    api.simulators!.zenki.setExpiresIn(63);
    await api.call('POST', '/v1/zenki/access-tokens', { json: { forceRefresh: true } });
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const caller = callerContext();
    expect((await api.call('POST', '/v1/zenki/access-tokens', { headers: { traceparent: caller.traceparent } })).status).toBe(200);

    const background = await exported(() =>
      receiver.spans.find(
        (span) => span.name === 'GetAccessToken background refresh' && span.links.some((link) => link.traceId === caller.traceId),
      ),
    );
    expect(background.traceId).not.toBe(caller.traceId);
    expect(background.parentSpanId).toBeUndefined();
    const tokenCall = await exported(() =>
      receiver.trace(background.traceId).find((span) => span.kind === CLIENT && span.attributes['paytokens.provider'] === 'zenki'),
    );
    expect(tokenCall).toMatchObject({
      name: 'POST /v1/oauth/tokens',
      attributes: expect.objectContaining({ 'url.template': '/v1/oauth/tokens' }),
    });
    const requestUseCase = receiver.trace(caller.traceId).find((span) => span.name === 'GetAccessToken')!;
    expect(requestUseCase.events.map((event) => event.name)).toContain('paytokens.token_cache.hit');
    api.simulators!.zenki.setExpiresIn(1800);
  });

  it('exports the metrics: provider call duration and token lifetime left', async () => {
    await api.call('POST', '/v1/zenki/access-tokens');
    const names = await exported(() => (receiver.metricNames.has('http.client.request.duration') ? receiver.metricNames : undefined));
    expect([...names]).toEqual(
      expect.arrayContaining([
        'http.client.request.duration',
        'paytokens.access_token.lifetime_left',
        'paytokens.access_token.cache.events',
      ]),
    );
  });

  it('exports no secret, token, authorization or personal value in any attribute or event', async () => {
    await api.telemetry.openTelemetry!.forceFlush();
    expect(receiver.spans.length).toBeGreaterThan(5);
    expect(leaksIn(receiver.bodies)).toBe('');
  });
});

function isDescendant(span: ReceivedSpan, ancestor: ReceivedSpan, all: ReceivedSpan[]): boolean {
  for (let current: ReceivedSpan | undefined = span; current; current = all.find((s) => s.spanId === current!.parentSpanId)) {
    if (current.parentSpanId === ancestor.spanId) return true;
  }
  return false;
}
