import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type ResponseObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem-details';
import { ProblemDetailsSchema } from './problem-details.schema';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: malformed JSON, or fields that break the rules (listed in `errors`).',
  401: 'Missing or invalid API key.',
  404: 'The provider does not know this token or authorization (or it expired).',
  409: 'Conflicts with the provider state, or a request with this Idempotency-Key is still in progress (Retry-After).',
  413: 'The body is larger than 64 KiB.',
  415: 'The body is not application/json.',
  422: 'The provider refused the request (e.g. the token is cancelled), or the Idempotency-Key was used for a different request.',
  429: 'Rate limited by the provider; see Retry-After.',
  502: "The provider is unavailable, or refused this service's own credentials.",
  503: 'The provider or the idempotency store is temporarily unavailable; see Retry-After.',
  504: 'The provider did not answer in time; the outcome is unknown.',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } };
const WITH_RETRY_AFTER = new Set([409, 429, 503]);

/** How an error status is documented: an `application/problem+json` answer, with the headers it carries. */
export function problemResponse(status: number): ResponseObject {
  const headers = WITH_RETRY_AFTER.has(status)
    ? RETRY_AFTER
    : status === 401
      ? { 'WWW-Authenticate': { schema: { type: 'string', example: 'Bearer realm="paytokens"' } } }
      : undefined;
  return {
    description: DESCRIPTIONS[status] ?? 'Error.',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } },
    ...(headers ? { headers: headers as ResponseObject['headers'] } : {}),
  };
}

/** Documents the listed error statuses as `application/problem+json` answers. */
export const ApiProblemResponses = (...statuses: number[]) =>
  applyDecorators(ApiExtraModels(ProblemDetailsSchema), ...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));
