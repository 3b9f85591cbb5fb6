import { ValidationError } from '@paytokens/domain';
import type { FastifyInstance } from 'fastify';
import { problemFromDomainError } from '../problem/domain-problem.mapper';
import { sendProblem } from './send-problem';

// Headers that must come once: Node keeps the first Authorization and silently joins two Idempotency-Keys
// into "a, b", so a proxy and this app could each act on a different one.
const SINGLE_HEADERS: Record<number, string[]> = { 13: ['authorization'], 15: ['idempotency-key'] };

/** The header among {@link SINGLE_HEADERS} a request sends more than once, if any. */
export function repeatedSingleHeader(rawHeaders: readonly string[]): string | undefined {
  let seen: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const candidates = SINGLE_HEADERS[rawHeaders[i].length];
    if (candidates === undefined) continue;
    const name = rawHeaders[i].toLowerCase();
    if (!candidates.includes(name)) continue;
    if (seen?.includes(`|${name}|`)) return name;
    seen = `${seen ?? '|'}${name}|`;
  }
  return undefined;
}

/** Refuses, with a 400 naming the header, a request that sends Authorization or Idempotency-Key twice. */
export function registerDuplicateHeaderCheck(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const repeated = repeatedSingleHeader(request.raw.rawHeaders);
    if (repeated === undefined) return done();
    const field = repeated === 'authorization' ? 'Authorization' : 'Idempotency-Key';
    sendProblem(
      reply,
      problemFromDomainError(new ValidationError([{ field, message: 'must be sent once' }], { message: `Send the ${field} header once.` })),
    );
  });
}
