import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * Helmet's headers on every answer. The API answers JSON, but /docs is a page: its CSP lets Swagger UI
 * load its own scripts, styles and images from this origin (the UI sets inline styles, and shows
 * `data:` images) and fetch the OpenAPI document, and nothing else; no inline script runs anywhere.
 */
export const SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

// What the probe's answer carries that is not helmet's: left to the real answer.
const NOT_HELMET = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * The headers @fastify/helmet sets with these options. The plugin builds helmet's middleware anew on
 * every request (two async hooks, option parsing, header-name conversion): on the hot route that costs
 * more than the route itself. The headers are the same for every answer, so the plugin runs once, on a
 * probe instance, and its answer's headers are what the app then sends.
 */
export async function helmetHeaders(options: FastifyHelmetOptions = SECURITY_HEADERS): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  try {
    await probe.register(fastifyHelmet, options);
    probe.get('/', (_request, reply) => reply.send(''));
    const answer = await probe.inject({ method: 'GET', url: '/' });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!NOT_HELMET.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return headers;
  } finally {
    await probe.close();
  }
}

/** Sends helmet's headers on every answer, from the first hook on: a 429 or a 404 carries them too. */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  const headers = await helmetHeaders();
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
