import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { request } from 'undici';
import { startApi } from './lib/api.mjs';
import { startProviders } from './lib/providers.mjs';
import { startNode, stopAll, installCleanup } from './lib/children.mjs';
import { closeHttp } from './lib/http.mjs';
import { AuthorizationFeed } from './lib/authorization-feed.mjs';
import { CHARGE_BODY, KLARNA_BODY } from './lib/bodies.mjs';
import { KLARNA_PATH } from './lib/routes.mjs';
import { toSnakeKeys } from './servers/baseline-kit.mjs';
import { setTimeout as sleep } from 'node:timers/promises';
installCleanup();
const { simulators, providers } = await startProviders(process.cwd());
const apiKey = `bench_${randomBytes(24).toString('base64url')}`;
const feed = new AuthorizationFeed(simulators); await feed.prime();
const env = { BENCH_API_KEY: apiKey, KLARNA_BASE_URL: providers.klarnaUrl, KLARNA_USERNAME: providers.klarnaUsername, KLARNA_PASSWORD: providers.klarnaPassword, ZENKI_BASE_URL: providers.zenkiUrl, ZENKI_CLIENT_ID: providers.zenkiClientId, ZENKI_CLIENT_SECRET: providers.zenkiClientSecret };
const json = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
async function post(url, headers, body) { const r = await request(url, { method: 'POST', headers, body: JSON.stringify(body) }); const t = await r.body.text(); return { status: r.statusCode, body: t ? JSON.parse(t) : undefined }; }
let period = 0;
const which = process.argv[2];
const nodeArgs = ['-r', '/tmp/probe/heap-sample.cjs'];
let s;
if (which === 'api') {
  const api = await startApi({ entry: `${process.cwd()}/dist/apps/api/main.js`, apiKey, providers, nodeArgs, extraEnv: { HEAP_OUT: '/tmp/probe/heap/api.heapprofile', HEAP_START_MS: '9000' } });
  s = { url: api.url, token: (await post(`${api.url}${KLARNA_PATH}`, json, { ...KLARNA_BODY, authorizationToken: feed.next() })).body.tokenId };
} else {
  const child = startNode(which, `${process.cwd()}/tools/bench/servers/${which}.mjs`, { cwd: process.cwd(), env: { ...env, HEAP_OUT: `/tmp/probe/heap/${which}.heapprofile`, HEAP_START_MS: '8000' }, nodeArgs });
  const { url } = await child.waitForMessage('ready');
  const basic = Buffer.from(`${providers.klarnaUsername}:${providers.klarnaPassword}`).toString('base64');
  s = { url, token: (await post(`${providers.klarnaUrl}/payments/v1/authorizations/${feed.next()}/customer-token`, { authorization: `Basic ${basic}`, 'content-type': 'application/json' }, toSnakeKeys(KLARNA_BODY))).body.token_id };
}
const r = await autocannon({ url: `${s.url}${KLARNA_PATH}/${s.token}/orders`, method: 'POST', headers: json, body: JSON.stringify(CHARGE_BODY), connections: 50, duration: 16, overallRate: 1000,
  requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': `h-${process.pid}-${++period}` } }) }] });
console.log(which, r.requests.total, r.non2xx);
await sleep(500);
await stopAll(); await closeHttp();
