import { problem, type ProblemDetails, type ProblemResponse } from './problem-details';
import { HttpProblemCode } from './http-problem-codes';

/** An error the HTTP layer answers with exactly this problem (and headers). */
export class ApiProblemException extends Error {
  constructor(readonly response: ProblemResponse) {
    super(response.problem.detail);
    this.name = 'ApiProblemException';
  }

  /** 401: no API key, or not one of ours. Says which, never echoes what was sent. */
  static unauthenticated(detail: string): ApiProblemException {
    return new ApiProblemException({
      problem: problem(401, HttpProblemCode.Unauthenticated, 'Unauthenticated', detail),
      headers: { 'www-authenticate': 'Bearer realm="paytokens"' },
    });
  }

  /** 403: the API key is valid but may not do this (e.g. use this provider account). */
  static forbidden(detail: string): ApiProblemException {
    return new ApiProblemException({ problem: problem(403, HttpProblemCode.Forbidden, 'Forbidden', detail) });
  }

  /** 404 for a route that does not exist (or is switched off). The path is never echoed: it may hold ids or e-mail addresses. */
  static routeNotFound(method: string): ApiProblemException {
    return new ApiProblemException({
      problem: problem(404, HttpProblemCode.RouteNotFound, 'Not Found', `No route matches ${method} on this path.`),
    });
  }

  get problem(): ProblemDetails {
    return this.response.problem;
  }
}
