import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemResponse } from '../problem/problem-details';

/** Answers from a Fastify hook or route (outside Nest's filters) exactly as the problem filter would. */
export function sendProblem(reply: FastifyReply, { problem, headers }: ProblemResponse): FastifyReply {
  if (headers) reply.headers(headers);
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
