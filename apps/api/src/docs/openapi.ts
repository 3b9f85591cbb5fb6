import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SECURITY_SCHEME } from '../auth/require-api-key.decorator';
import { documentTokenOrdersRoute, TOKEN_ORDER_MODELS } from '../klarna/token-orders.openapi';
import { ACCESS_TOKEN_MODELS, documentAccessTokenRoute } from '../zenki/access-token.openapi';
import { ProblemDetailsSchema } from './problem-details.schema';
import { serveSwaggerUi } from './swagger-ui';

/** Where the docs live. */
export const DOCS_PATH = '/docs';
/** Where the OpenAPI document lives. */
export const OPENAPI_PATH = '/docs/openapi.json';

const TITLE = 'paytokens API';

/** The OpenAPI document, generated from the controllers and DTOs (and the two routes Fastify serves directly). */
export function createOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(TITLE)
    .setDescription(
      'Payment-provider tokens for your backend: Klarna customer tokens and Zenki access tokens.\n\n' +
        'Every /v1 route takes `Authorization: Bearer <api key>`. Errors are `application/problem+json` (RFC 9457) ' +
        'with a stable `code`; a provider refusal is 422 (the provider understood the request and declined it; ' +
        'nothing asks the caller to pay, so not 402).',
    )
    .setVersion('0.1.0')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS (or the one printed at start-up).' },
      API_KEY_SECURITY_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDetailsSchema, ...ACCESS_TOKEN_MODELS, ...TOKEN_ORDER_MODELS],
  });
  documentAccessTokenRoute(document);
  documentTokenOrdersRoute(document);
  return document;
}

/** Serves the document at {@link OPENAPI_PATH} and Swagger UI at {@link DOCS_PATH}. */
export function setupDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => createOpenApiDocument(app), { ui: false, raw: ['json'], jsonDocumentUrl: OPENAPI_PATH });
  serveSwaggerUi(app, DOCS_PATH, OPENAPI_PATH, TITLE);
}
