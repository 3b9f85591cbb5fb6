// Child process, the floor for start to ready: a Nest 11 app on Fastify made of the libraries the API is built on,
// each loaded as the API loads it and used once, and none of the API's own code. The bench times it from spawn to the
// first 200 of /health/ready, exactly as it times the API: what is left between the two is the API's own start-up.
//
// NEST_FLOOR=named: only what the design names (Nest with @nestjs/config, class-validator and class-transformer
// through Nest's ValidationPipe) on Fastify, and undici for the providers; readiness reaches both simulators.
// Otherwise (the default) also every other library the API starts with: @nestjs/swagger (a documented body, the
// document built on request), helmet's headers, pino behind nestjs-pino, prom-client, cockatiel, the OpenTelemetry
// API, and readiness through @nestjs/terminus.
// Plain CommonJS with the decorators applied by hand, so that no build step stands between it and the packages.
'use strict';
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { Body, Controller, Get, Module, Post, ValidationPipe } = require('@nestjs/common');
const { FastifyAdapter } = require('@nestjs/platform-fastify');
const { ConfigModule, ConfigService } = require('@nestjs/config');
const { IsNotEmpty, IsString, MaxLength } = require('class-validator');
const { Pool } = require('undici');

const env = process.env;
const all = env.NEST_FLOOR !== 'named';
const basic = `Basic ${Buffer.from(`${env.KLARNA_USERNAME}:${env.KLARNA_PASSWORD}`).toString('base64')}`;
const klarna = new Pool(env.KLARNA_BASE_URL, { connections: 16 });
const zenki = new Pool(env.ZENKI_BASE_URL, { connections: 16 });
const probes = [
  () => reachable('klarna', klarna, { method: 'GET', path: '/', headers: { authorization: basic } }),
  () =>
    reachable('zenki', zenki, {
      method: 'POST',
      path: '/v1/oauth/tokens',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: env.ZENKI_CLIENT_ID, clientSecret: env.ZENKI_CLIENT_SECRET, grantType: 'client_credentials' }),
    }),
];
const extras = all ? everyOtherLibrary() : undefined;

/** Up when `pool` answers HTTP at all, as the API's indicators count it. */
async function reachable(name, pool, options) {
  const answer = await pool.request(options);
  await answer.body.dump();
  return { [name]: { status: 'up' } };
}

/** Applies decorators as TypeScript's emit does (`design:*` metadata included where Nest reads it). */
function decorate(target, key, decorators, metadata = {}) {
  const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
  for (const [name, value] of Object.entries(metadata)) Reflect.defineMetadata(name, value, target, key);
  return Reflect.decorate(decorators, target, key, descriptor);
}

/** The API's other libraries, loaded and set up once each. */
function everyOtherLibrary() {
  const { ApiProperty, DocumentBuilder, SwaggerModule } = require('@nestjs/swagger');
  const { HealthCheckService, TerminusModule } = require('@nestjs/terminus');
  const { Logger: PinoNestLogger } = require('nestjs-pino');
  const pino = require('pino');
  const { Counter, Registry } = require('prom-client');
  const { ConsecutiveBreaker, circuitBreaker, handleAll } = require('cockatiel');
  const { trace } = require('@opentelemetry/api');
  const breaker = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
  const checks = new Counter({ name: 'floor_readiness_checks_total', help: 'Readiness checks', registers: [new Registry()] });
  const tracer = trace.getTracer('nest-floor');
  return {
    ApiProperty,
    HealthCheckService,
    imports: [TerminusModule.forRoot({ logger: false })],
    logger: new PinoNestLogger(pino({ level: 'warn' }), {}),
    /** Readiness as terminus reports it, counted, traced, the Klarna probe behind a breaker. */
    ready(health) {
      checks.inc();
      const [klarnaProbe, zenkiProbe] = probes;
      return tracer.startActiveSpan('readiness', (span) =>
        health.check([() => breaker.execute(klarnaProbe), zenkiProbe]).finally(() => span.end()),
      );
    },
    async setup(app) {
      const headers = {};
      require('helmet')()({}, { setHeader: (name, value) => (headers[name] = value), removeHeader: () => undefined }, () => undefined);
      app
        .getHttpAdapter()
        .getInstance()
        .addHook('onRequest', (_request, reply, done) => {
          reply.headers(headers);
          done();
        });
      const document = () => SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('floor').build());
      SwaggerModule.setup('/docs', app, document, { ui: false, raw: ['json'], jsonDocumentUrl: '/docs/openapi.json' });
    },
  };
}

class TokenRequest {}
decorate(
  TokenRequest.prototype,
  'account',
  [...(extras ? [extras.ApiProperty({ maxLength: 64 })] : []), IsString(), IsNotEmpty(), MaxLength(64)],
  {
    'design:type': String,
  },
);

class HealthController {
  constructor(health) {
    this.health = health;
  }

  async ready() {
    if (extras) return extras.ready(this.health);
    return Object.assign({ status: 'ok' }, ...(await Promise.all(probes.map((probe) => probe()))));
  }

  echo(body) {
    return body;
  }
}
decorate(HealthController.prototype, 'ready', [Get('health/ready')]);
decorate(HealthController.prototype, 'echo', [Post('echo')], { 'design:paramtypes': [TokenRequest] });
Body()(HealthController.prototype, 'echo', 0);
decorate(HealthController, undefined, [Controller()], { 'design:paramtypes': extras ? [extras.HealthCheckService] : [] });

class FloorModule {}
decorate(FloorModule, undefined, [
  Module({ imports: [ConfigModule.forRoot({ ignoreEnvFile: true }), ...(extras?.imports ?? [])], controllers: [HealthController] }),
]);

async function main() {
  const app = await NestFactory.create(FloorModule, new FastifyAdapter(), { logger: extras?.logger ?? false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  await extras?.setup(app);
  app.get(ConfigService).get('PORT');
  await app.listen(Number(env.PORT), env.HOST ?? '127.0.0.1');
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
