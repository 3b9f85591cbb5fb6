import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { API_KEY_SECURITY_SCHEME } from '../auth/require-api-key.decorator';
import { problemResponse } from '../docs/api-problem-responses.decorator';
import { ChargeCustomerTokenDto, TokenOrderResponse } from './dto/token-charge.dto';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER_DOCS } from './idempotency-key';

/** The models the operation refers to; the document generates their schemas from their decorators. */
export const TOKEN_ORDER_MODELS = [ChargeCustomerTokenDto, TokenOrderResponse];

/** The path as OpenAPI writes it (Fastify's is `:tokenId`). */
const DOCUMENTED_PATH = '/v1/klarna/customer-tokens/{tokenId}/orders';
const PROBLEM_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422, 429, 502, 503, 504];

/**
 * Adds POST /v1/klarna/customer-tokens/{tokenId}/orders to `document`. Nest's document generator sees controllers
 * only, and this route is served by Fastify directly (token-orders.route.ts), so its operation is written here, in
 * the shape the decorators gave it as a controller.
 */
export function documentTokenOrdersRoute(document: OpenAPIObject): void {
  document.paths[DOCUMENTED_PATH] = {
    post: {
      summary: 'Charge a customer token',
      description:
        'Places one Klarna order on the token. Idempotency-Key is required: the same key and body answer the stored order, another body 422, ' +
        'a request still in progress 409. Klarna gets a Klarna-Idempotency-Key derived from it, the same on every attempt, so a charge whose answer ' +
        'was lost (timeout, reset) is retried once and answers the one order, never two.',
      // The id the operation had as a controller method: clients generated from the document keep their method name.
      operationId: 'TokenOrdersController_charge',
      tags: ['Klarna customer tokens'],
      parameters: [
        { name: 'tokenId', required: true, in: 'path', description: 'The customer token to charge.', schema: { type: 'string' } },
        {
          name: IDEMPOTENCY_KEY_HEADER,
          in: 'header',
          description: '1 to 255 printable ASCII characters; scoped to your API key. One per period.',
          required: true,
          schema: { type: 'string' },
        },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: getSchemaPath(ChargeCustomerTokenDto) } } } },
      responses: {
        201: {
          description: '',
          headers: IDEMPOTENT_REPLAYED_HEADER_DOCS,
          content: { 'application/json': { schema: { $ref: getSchemaPath(TokenOrderResponse) } } },
        },
        ...Object.fromEntries(PROBLEM_STATUSES.map((status) => [status, problemResponse(status)])),
      },
      security: [{ [API_KEY_SECURITY_SCHEME]: [] }],
    },
  };
}
