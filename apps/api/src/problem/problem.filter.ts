import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { isPaytokensError } from '@paytokens/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblemException } from './api-problem.exception';
import { problemFromDomainError } from './domain-problem.mapper';
import { HttpProblemCode } from './http-problem-codes';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemResponse } from './problem-details';

/**
 * Turns every error into `application/problem+json`: domain errors by their code, the framework's own
 * 4xx (malformed JSON, 413, 415, unknown routes) by status; anything else is a 500 that is logged and
 * answered with a generic detail, so no internal message or stack ever reaches a caller.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { problem: body, headers } = this.toProblem(exception, request);
    if (headers) reply.headers(headers);
    reply.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemResponse {
    if (exception instanceof ApiProblemException) return exception.response;
    if (isPaytokensError(exception)) return problemFromDomainError(exception);
    if (exception instanceof HttpException && exception.getStatus() < 500) return frameworkProblem(exception, request);
    // The client went away mid-request (e.g. aborted its upload): its fault, and nobody is left to answer.
    if (request.raw?.aborted || request.raw?.socket?.destroyed) {
      this.logger.debug(`Client aborted ${request.method} ${routeOf(request)}`);
      return { problem: problem(400, HttpProblemCode.MalformedRequest, 'Malformed request', 'The request was aborted by the client.') };
    }
    this.logger.error(
      `Unhandled error on ${request.method} ${routeOf(request)}`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return {
      problem: problem(500, HttpProblemCode.InternalError, 'Internal Server Error', 'An unexpected error occurred; it has been logged.'),
    };
  }
}

/** Problems for what Fastify and Nest refuse before a handler runs. */
function frameworkProblem(exception: HttpException, request: FastifyRequest): ProblemResponse {
  const status = exception.getStatus();
  switch (status) {
    case 404:
      return ApiProblemException.routeNotFound(request.method).response;
    case 413:
      return {
        problem: problem(413, HttpProblemCode.PayloadTooLarge, 'Payload Too Large', 'The request body is larger than this API accepts.'),
      };
    case 415:
      return {
        problem: problem(415, HttpProblemCode.UnsupportedMediaType, 'Unsupported Media Type', 'Send the request body as application/json.'),
      };
    default: {
      // The framework's own message is not passed on; it only tells a JSON failure from other ones.
      const detail = /json/i.test(exception.message) ? 'The request body is not valid JSON.' : 'The request is malformed.';
      return { problem: problem(status, HttpProblemCode.MalformedRequest, 'Malformed request', detail) };
    }
  }
}

/** The path without its query string: queries may carry data that does not belong in a log or an answer. */
function routeOf(request: FastifyRequest): string {
  const url = request.url ?? '';
  const end = url.indexOf('?');
  return end < 0 ? url : url.slice(0, end);
}
