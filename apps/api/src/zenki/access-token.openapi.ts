import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { API_KEY_SECURITY_SCHEME } from '../auth/require-api-key.decorator';
import { problemResponse } from '../docs/api-problem-responses.decorator';
import { AccessTokenRequestDto } from './access-token-request';
import { AccessTokenResponse } from './access-token.response';
import { ACCESS_TOKENS_PATH } from './access-token.route';

/** The models the operation refers to; the document generates their schemas from their decorators. */
export const ACCESS_TOKEN_MODELS = [AccessTokenRequestDto, AccessTokenResponse];

const PROBLEM_STATUSES = [400, 401, 403, 413, 415, 429, 502, 503, 504];

/**
 * Adds POST /v1/zenki/access-tokens to `document`. Nest's document generator sees controllers only, and this
 * route is served by Fastify directly (access-token.route.ts), so its operation is written here, in the shape
 * the decorators give every other route.
 */
export function documentAccessTokenRoute(document: OpenAPIObject): void {
  document.paths[ACCESS_TOKENS_PATH] = {
    post: {
      summary: 'Get a Zenki access token',
      description:
        'Answers the cached token while it is fresh (refreshing it ahead of expiry in the background); concurrent callers share one fetch.',
      // The id the operation had as a controller method: clients generated from the document keep their method name.
      operationId: 'AccessTokensController_issue',
      tags: ['Zenki access tokens'],
      parameters: [],
      requestBody: { required: false, content: { 'application/json': { schema: { $ref: getSchemaPath(AccessTokenRequestDto) } } } },
      responses: {
        200: {
          description: '',
          headers: { 'Cache-Control': { schema: { type: 'string', example: 'no-store' } } },
          content: { 'application/json': { schema: { $ref: getSchemaPath(AccessTokenResponse) } } },
        },
        ...Object.fromEntries(PROBLEM_STATUSES.map((status) => [status, problemResponse(status)])),
      },
      security: [{ [API_KEY_SECURITY_SCHEME]: [] }],
    },
  };
}
