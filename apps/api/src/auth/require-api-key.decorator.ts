import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblemResponses } from '../docs/api-problem-responses.decorator';
import { ApiKeyGuard } from './api-key.guard';

/** Name of the bearer security scheme in the OpenAPI document. */
export const API_KEY_SECURITY_SCHEME = 'apiKey';

/** Every /v1 controller carries this: the API-key guard, and the security scheme and 401 in the docs. */
export const RequireApiKey = () =>
  applyDecorators(UseGuards(ApiKeyGuard), ApiBearerAuth(API_KEY_SECURITY_SCHEME), ApiProblemResponses(401));
