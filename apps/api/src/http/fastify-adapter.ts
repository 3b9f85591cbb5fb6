import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * The Fastify adapter the app runs on: logger off (structured logging is a separate concern), a small
 * body limit, and JSON as the only body type.
 */
export function createFastifyAdapter(bodyLimitBytes: number): FastifyAdapter {
  const adapter = new FastifyAdapter({ logger: false, bodyLimit: bodyLimitBytes, return503OnClosing: true });
  acceptJsonOnly(adapter.getInstance());
  return adapter;
}

/**
 * Any body that is not JSON is a 415. An empty JSON body counts as no body (clients send
 * `Content-Type: application/json` with nothing after it), and the parser keeps Fastify's defence
 * against `__proto__` / `constructor.prototype` poisoning.
 */
function acceptJsonOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
