import { type ArgumentsHost, BadRequestException, HttpException, Logger, NotFoundException } from '@nestjs/common';
import { NotFoundError } from '@paytokens/domain';
import { ApiProblemException } from './api-problem.exception';
import { ProblemFilter } from './problem.filter';

/** A reply that records what the filter sent. */
function hostFor(url = '/v1/zenki/access-tokens?x=1') {
  const sent: { status?: number; type?: string; headers: Record<string, string>; body?: string } = { headers: {} };
  const reply = {
    status: (status: number) => ((sent.status = status), reply),
    type: (type: string) => ((sent.type = type), reply),
    headers: (headers: Record<string, string>) => (Object.assign(sent.headers, headers), reply),
    send: (body: string) => ((sent.body = body), reply),
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ method: 'POST', url }) }),
  } as unknown as ArgumentsHost;
  return { host, sent, problem: () => JSON.parse(sent.body!) };
}

describe('ProblemFilter', () => {
  const filter = new ProblemFilter();

  it('answers an unexpected error with a generic 500 and logs it, leaking nothing', () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent, problem } = hostFor();
    filter.catch(new Error('connect ECONNREFUSED redis://:hunter2@10.0.0.5'), host);
    expect(sent.status).toBe(500);
    expect(sent.type).toBe('application/problem+json');
    expect(problem()).toEqual({
      type: 'https://paytokens.dev/problems/internal-error',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
      code: 'INTERNAL_ERROR',
    });
    expect(sent.body).not.toContain('hunter2');
    expect(log).toHaveBeenCalledWith('Unhandled error on POST /v1/zenki/access-tokens', expect.stringContaining('ECONNREFUSED'));
    log.mockRestore();
  });

  it('treats a framework 5xx like any unexpected error', () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, problem } = hostFor();
    filter.catch(new HttpException('internal detail', 503), host);
    expect(problem()).toMatchObject({ status: 500, detail: 'An unexpected error occurred; it has been logged.' });
    log.mockRestore();
  });

  it('answers domain errors and API problems as they say, with their headers', () => {
    const domain = hostFor();
    filter.catch(new NotFoundError('no such token', { provider: 'klarna' }), domain.host);
    expect(domain.problem()).toMatchObject({ status: 404, code: 'NOT_FOUND', provider: 'klarna', detail: 'no such token' });

    const unauthenticated = hostFor();
    filter.catch(ApiProblemException.unauthenticated('no key'), unauthenticated.host);
    expect(unauthenticated.sent.status).toBe(401);
    expect(unauthenticated.sent.headers['www-authenticate']).toBe('Bearer realm="paytokens"');
  });

  it("replaces the framework's own messages", () => {
    const notFound = hostFor('/nope?token=abc');
    filter.catch(new NotFoundException('Cannot GET /nope?token=abc'), notFound.host);
    expect(notFound.problem()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', detail: 'No route matches POST on this path.' });

    const badJson = hostFor();
    filter.catch(new BadRequestException("Body is not valid JSON but content-type is set to 'application/json'"), badJson.host);
    expect(badJson.problem()).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST', detail: 'The request body is not valid JSON.' });
  });
});
