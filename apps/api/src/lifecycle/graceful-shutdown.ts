import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { routeTemplateOf } from '../http/route-template';

/** Requests being answered right now, by route template, and whether shutdown began. */
export class InFlightRequests {
  private readonly byRoute = new Map<string, number>();
  private count = 0;
  /** True once shutdown began: answers carry `Connection: close`, so keep-alive clients move elsewhere. */
  draining = false;

  /** Counts requests in flight and closes each connection after its answer once draining. Call before any route exists. */
  register(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, _reply, done) => {
      this.enter(inFlightKey(request));
      done();
    });
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (this.draining) reply.header('connection', 'close');
      done(null, payload);
    });
    const leave = (request: FastifyRequest, done: () => void): void => {
      this.leave(inFlightKey(request));
      done();
    };
    fastify.addHook('onResponse', (request, _reply, done) => leave(request, done));
    fastify.addHook('onRequestAbort', (request, done) => leave(request, done));
  }

  /** How many requests are in flight. */
  get size(): number {
    return this.count;
  }

  /** e.g. `POST /v1/klarna/customer-tokens ×3`: route templates only, never a raw path. */
  describe(): string {
    return [...this.byRoute].map(([route, n]) => `${route} ×${n}`).join(', ') || 'none';
  }

  private enter(route: string): void {
    this.count++;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  private leave(route: string): void {
    const left = (this.byRoute.get(route) ?? 1) - 1;
    if (left > 0) this.byRoute.set(route, left);
    else this.byRoute.delete(route);
    this.count = Math.max(0, this.count - 1);
  }
}

/** `POST /v1/klarna/customer-tokens`: the method and route template, never a raw path. */
function inFlightKey(request: FastifyRequest): string {
  return `${request.method} ${routeTemplateOf(request) ?? 'unmatched'}`;
}

/** How shutdown goes; from the `limits` namespace. */
export interface GracefulShutdownOptions {
  /** How long readiness answers 503 while requests are still taken, so a load balancer notices. */
  graceMs: number;
  /** The whole shutdown's limit; past it the process exits anyway. */
  timeoutMs: number;
  inFlight: InFlightRequests;
  /** Turns readiness to 503 at once. */
  startDraining: () => void;
  logger: Logger;
  /** Ends the process; default `process.exit`. */
  exit?: (code: number) => void;
  /** Signals that start a shutdown; default SIGTERM and SIGINT. */
  signals?: NodeJS.Signals[];
}

/**
 * On SIGTERM or SIGINT: readiness answers 503 at once; for `graceMs` requests are still taken (answered with
 * `Connection: close`); then the listener stops accepting, idle keep-alive sockets close, every request in
 * flight is answered (provider calls run to their own deadlines), the stores and clients close, and the process
 * exits 0. A second signal, or `timeoutMs` after the first, exits 1 at once and logs what was cut.
 */
export function installGracefulShutdown(app: NestFastifyApplication, options: GracefulShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const log = options.logger.child({ context: 'Shutdown' });
  let started = false;
  const cut = (why: string): void => {
    log.error(`Shutdown cut short (${why}): ${options.inFlight.size} request(s) in flight were cut: ${options.inFlight.describe()}`);
    exit(1);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (started) return cut(`second ${signal}`);
    started = true;
    options.inFlight.draining = true;
    options.startDraining();
    log.warn(
      `${signal} received: readiness answers 503; new requests taken for ${options.graceMs} ms more, then the listener closes (${options.inFlight.size} in flight)`,
    );
    setTimeout(() => cut(`deadline of ${options.timeoutMs} ms`), options.timeoutMs).unref();
    setTimeout(() => {
      log.warn(`Listener closing: waiting for ${options.inFlight.size} request(s) in flight (${options.inFlight.describe()})`);
      app.close().then(
        () => {
          log.warn('Shutdown complete: every request in flight was answered');
          exit(0);
        },
        (error: unknown) => {
          log.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
          exit(1);
        },
      );
    }, options.graceMs).unref();
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, onSignal);
}
