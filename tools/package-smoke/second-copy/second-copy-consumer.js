// A consumer app with two copies of @paytokens/domain: its own (the adapters' peer) and the one pinned by the library
// `scratch-billing`, which builds requests, secrets and error checks with its copy. Run in the scratch app's folder;
// prints what it saw as one JSON line. Plain CommonJS, as the packaged code a consumer's bundler or node would load.
require('reflect-metadata');
const { Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const appDomain = require('@paytokens/domain');
const { KlarnaModule, klarnaCustomerTokensToken } = require('@paytokens/adapters-klarna');
const { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } = require('@paytokens/adapters-klarna/simulator');
const { createRedisConnection } = require('@paytokens/adapters-redis');
const { ZenkiModule, zenkiAccessTokensToken } = require('@paytokens/adapters-zenki');
const { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } = require('@paytokens/adapters-zenki/simulator');
const billing = require('scratch-billing');

const otherDomain = billing.domain;
const CONSUMER = Symbol('scratch.Consumer');

/** What the app receives through the vendor-scoped tokens, injected into a provider of its own. */
function consumerModule(klarnaUrl, zenkiUrl) {
  class SecondCopyAppModule {}
  Module({
    imports: [
      // Secrets made with the OTHER copy's Secret class.
      KlarnaModule.forRoot({ username: SIMULATOR_USERNAME, password: otherDomain.Secret.of(SIMULATOR_PASSWORD), baseUrl: klarnaUrl }),
      ZenkiModule.forRoot({
        clientId: ZENKI_SIMULATOR_CLIENT_ID,
        clientSecret: otherDomain.Secret.of(ZENKI_SIMULATOR_CLIENT_SECRET),
        baseUrl: zenkiUrl,
      }),
    ],
    providers: [
      {
        provide: CONSUMER,
        inject: [klarnaCustomerTokensToken(), zenkiAccessTokensToken()],
        useFactory: (customerTokens, accessTokens) => ({ customerTokens, accessTokens }),
      },
    ],
  })(SecondCopyAppModule);
  return SecondCopyAppModule;
}

/** The error a call fails with, described by the other copy's helpers. */
async function failure(call) {
  try {
    await call();
    return { thrown: false };
  } catch (error) {
    return {
      thrown: true,
      recognisedByOtherCopy: otherDomain.isPaytokensError(error),
      code: error.code,
      isNotFoundCode: error.code === otherDomain.ErrorCode.NotFound,
      instanceOfOtherCopy: error instanceof otherDomain.PaytokensError,
      instanceOfAppCopy: error instanceof appDomain.PaytokensError,
    };
  }
}

/** Which Redis a connection made from a `url` option would reach, without waiting for it. */
function redisTarget(url) {
  const connection = createRedisConnection({ url, onError: () => undefined });
  const { host, port } = connection.options;
  connection.disconnect();
  return `${host}:${port}`;
}

async function main() {
  const klarna = await KlarnaSimulator.start({ host: '127.0.0.1', port: 0 });
  const zenki = await ZenkiSimulator.start({ host: '127.0.0.1', port: 0 });
  let result;
  try {
    const app = await NestFactory.createApplicationContext(consumerModule(klarna.url, zenki.url), { logger: ['error', 'warn'] });
    try {
      const { customerTokens, accessTokens } = app.get(CONSUMER);
      const accessToken = await accessTokens.execute();
      const request = otherDomain.CustomerTokenRequest.create({
        authorizationToken: otherDomain.Secret.of(klarna.mintAuthorization().authorizationToken),
        purchaseCountry: 'SE',
        purchaseCurrency: 'SEK',
        locale: 'sv-SE',
        description: 'Second-copy subscription',
        intendedUse: 'SUBSCRIPTION',
      });
      const issued = await customerTokens.issue(request, { idempotencyKey: 'second-copy-order-1' });
      result = {
        copies: { billing: billing.domainEntry, sameSecretClass: otherDomain.Secret === appDomain.Secret },
        zenki: { valueLength: accessToken.value.reveal().length, issuedBySimulator: zenki.issuedCount },
        klarna: { status: issued.token.status, replayed: issued.replayed, ledger: klarna.ledger.length },
        notFound: await failure(() => customerTokens.read('no-such-customer-token')),
        redis: {
          stringUrl: redisTarget('redis://127.0.0.1:6390'),
          appCopySecretUrl: redisTarget(appDomain.Secret.of('redis://127.0.0.1:6390')),
          otherCopySecretUrl: redisTarget(otherDomain.Secret.of('redis://127.0.0.1:6390')),
        },
      };
    } finally {
      await app.close();
    }
  } finally {
    await Promise.all([klarna.close(), zenki.close()]);
  }
  process.stdout.write(`SECOND_COPY_RESULT ${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error('second-copy consumer failed:', error);
  process.exitCode = 1;
});
