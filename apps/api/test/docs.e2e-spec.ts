import { startTestApi, type TestApi } from './support/api-harness';

interface Operation {
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  requestBody?: unknown;
}

describe('API docs (e2e)', () => {
  let api: TestApi;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let document: any;

  beforeAll(async () => {
    api = await startTestApi();
    document = (await api.call('GET', '/docs/openapi.json', { apiKey: null })).body;
  });

  afterAll(async () => {
    await api.close();
  });

  it('serves Swagger UI and its assets at /docs', async () => {
    const page = await api.call('GET', '/docs', { apiKey: null });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toContain('/docs/swagger-ui-bundle.js');
    for (const asset of assets) {
      const response = await api.call('GET', asset, { apiKey: null });
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
    }
    const init = await api.call('GET', '/docs/swagger-initializer.js', { apiKey: null });
    expect(init.text).toContain('"/docs/openapi.json"');
    expect((await api.call('GET', '/docs/..%2fpackage.json', { apiKey: null })).status).toBe(404);
  });

  it('describes every route', () => {
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'DELETE /v1/klarna/customer-tokens/{tokenId}',
        'DELETE /v1/klarna/authorizations/{authorizationToken}',
        'GET /v1/klarna/sessions/{sessionId}',
        'POST /v1/klarna/sessions',
        'POST /v1/klarna/customer-tokens/{tokenId}/orders',
        'GET /health/live',
        'GET /health/ready',
        'GET /v1/klarna/customer-tokens/{tokenId}',
        'POST /v1/klarna/customer-tokens',
        'POST /v1/simulator/klarna/authorizations',
        'POST /v1/zenki/access-tokens',
      ].sort(),
    );
  });

  it('declares the bearer scheme and requires it on every /v1 operation, with a 401 problem', () => {
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
      for (const operation of Object.values(methods)) {
        if (!path.startsWith('/v1/')) {
          expect(operation.security).toBeUndefined();
          continue;
        }
        expect(operation.security).toEqual([{ apiKey: [] }]);
        expect(operation.responses['401'].content!['application/problem+json'].schema!.$ref).toBe(
          '#/components/schemas/ProblemDetailsSchema',
        );
      }
    }
  });

  it('documents the bodies, the answers and the problem schema', () => {
    const schemas = document.components.schemas;
    expect(Object.keys(schemas.CreateCustomerTokenDto.properties).sort()).toEqual(
      [
        'account',
        'authorizationToken',
        'billingAddress',
        'customer',
        'description',
        'intendedUse',
        'locale',
        'purchaseCountry',
        'purchaseCurrency',
      ].sort(),
    );
    expect(schemas.CreateCustomerTokenDto.required).toEqual(
      expect.arrayContaining(['authorizationToken', 'purchaseCountry', 'purchaseCurrency', 'locale', 'description', 'intendedUse']),
    );
    expect(Object.keys(schemas.AccessTokenResponse.properties).sort()).toEqual([
      'accessToken',
      'account',
      'expiresAt',
      'expiresIn',
      'tokenType',
    ]);
    expect(Object.keys(schemas.ProblemDetailsSchema.properties)).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'errors', 'provider', 'providerCode', 'correlationId']),
    );
    const create = document.paths['/v1/klarna/customer-tokens'].post;
    expect(Object.keys(create.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '422',
      '429',
      '502',
      '503',
      '504',
    ]);
    expect(create.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    expect(document.paths['/v1/zenki/access-tokens'].post.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/AccessTokenResponse',
    );
  });

  it('documents the recurring-flow routes: bodies, answers with the account, the required Idempotency-Key on charges', () => {
    const schemas = document.components.schemas;
    expect(Object.keys(schemas.CreatedPaymentSessionResponse.properties).sort()).toEqual([
      'account',
      'clientToken',
      'paymentMethodCategories',
      'sessionId',
    ]);
    expect(Object.keys(schemas.TokenOrderResponse.properties).sort()).toEqual([
      'account',
      'authorizedPaymentMethod',
      'fraudStatus',
      'orderId',
      'redirectUrl',
    ]);
    expect(schemas.CreatePaymentSessionDto.required).toEqual(
      expect.arrayContaining(['purchaseCountry', 'purchaseCurrency', 'locale', 'orderAmount', 'orderLines']),
    );
    const charge = document.paths['/v1/klarna/customer-tokens/{tokenId}/orders'].post;
    expect(charge.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true })]),
    );
    expect(charge.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ChargeCustomerTokenDto');
    // Served by Fastify and documented by hand (ADR 11): the operation keeps the id and answers it had as a controller.
    expect(charge.operationId).toBe('TokenOrdersController_charge');
    expect(Object.keys(charge.responses).sort()).toEqual(
      ['201', '400', '401', '403', '404', '409', '413', '415', '422', '429', '502', '503', '504'].sort(),
    );
    expect(charge.responses['201'].headers).toHaveProperty('Idempotent-Replayed');
    expect(charge.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/TokenOrderResponse');
    expect(charge.security).toEqual([{ apiKey: [] }]);
    expect(Object.keys(document.paths['/v1/klarna/authorizations/{authorizationToken}'].delete.responses)).toContain('204');
  });
});
