import type { FastifyInstance } from 'fastify';
import type { ApiKeyRing } from '../auth/api-key-ring';
import { ApiProblemException } from '../problem/api-problem.exception';
import { problem } from '../problem/problem-details';
import { sendProblem } from '../security/send-problem';
import type { ApiMetrics } from './api-metrics';

/** Where Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** Who may read the metrics: holders of a METRICS_API_KEY key when one is set, else loopback clients only. */
export interface MetricsAccess {
  keys?: ApiKeyRing;
}

/**
 * `GET /metrics` in Prometheus' text format, straight on Fastify: not an API route (no API key, no rate
 * limit, not in the OpenAPI document). Without METRICS_API_KEY only clients on this host get an answer,
 * since the numbers tell an outsider how the service is used; with it, a `Bearer` key is required.
 */
export function registerMetricsRoute(fastify: FastifyInstance, metrics: ApiMetrics, access: MetricsAccess): void {
  fastify.get(METRICS_PATH, async (request, reply) => {
    if (access.keys) {
      const presented = BEARER.exec(request.headers.authorization ?? '')?.[1];
      if (presented === undefined || access.keys.verify(presented) === undefined) {
        return sendProblem(
          reply,
          ApiProblemException.unauthenticated('Send the metrics key (METRICS_API_KEY) as "Authorization: Bearer <key>".').response,
        );
      }
    } else if (!isLoopback(request.socket.remoteAddress)) {
      return sendProblem(reply, {
        problem: problem(403, 'FORBIDDEN', 'Forbidden', 'Metrics are served to clients on this host only, unless METRICS_API_KEY is set.'),
      });
    }
    const text = await metrics.render();
    return reply.type(metrics.contentType).header('cache-control', 'no-store').send(text);
  });
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}
