// Child process, the charge route's second floor: the pass-through's charge (servers/bare-proxy.mjs) with every
// guarantee the API keeps on that route, each written by hand in the cheapest form that still keeps it. No Nest, no
// validation library, no logger library: what any implementation of these guarantees on Fastify and undici costs
// at least. The bench loads it next to the pass-through and the API (the charge path's third side), so that the API
// can be read against both: the pass-through (the target) and the floor of a charge that keeps its promises.
//
// Kept, as the API keeps them (apps/api/src): request id echoed in X-Request-Id; the security headers; one
// Authorization and one Idempotency-Key; the API key hashed and compared in constant time; a token-bucket rate
// limit per key; the body's nesting, key count and control characters checked; the charge's fields and sums
// validated; at most one order per Idempotency-Key (a claim, the stored answer replayed, another body 422, a
// request in progress 409), keyed by SHA-256 of the scoped key, with a fingerprint of the request and Klarna's
// own key derived as a UUIDv5; a deadline per Klarna call; a circuit breaker's count; request and provider
// metrics; an in-flight count; Cache-Control no-store and the account named; one access line per answer at info
// (JSON, the path masked), written in batches.
import { hash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import Fastify from 'fastify';
import { bearerKeyId, klarnaUpstream, listenAndReport } from './baseline-kit.mjs';

const keyIdOf = bearerKeyId(process.env.BENCH_API_KEY);
const klarna = klarnaUpstream(process.env);

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@+=/-]{1,128}$/;
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const CURRENCY = /^[A-Z]{3}$/;
const RECORD_TTL_MS = 24 * 60 * 60 * 1000;
const CALL_DEADLINE_MS = 10_000;
const PROVIDER_KEY_NAMESPACE = Buffer.from('5f0c2d4e8a614b7f9d3e2c1a7b9e4f60', 'hex');

const app = Fastify({
  logger: false,
  bodyLimit: 64 * 1024,
  genReqId: (raw) =>
    typeof raw.headers['x-request-id'] === 'string' && SANE_REQUEST_ID.test(raw.headers['x-request-id'])
      ? raw.headers['x-request-id']
      : randomUUID(),
});

// The body: nesting and key count bounded before parsing, control characters and prototype names refused after.
app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
  if (!withinLimits(text, 32, 1000)) return done(problem(400, 'The request body nests too deep or holds too many keys.'));
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return done(problem(400, 'The request body is not JSON.'));
  }
  done(cleanJson(body) ? null : problem(400, 'The request body holds control characters or reserved field names.'), body);
});

// Counted as the API counts them for a graceful stop and /metrics; read by nothing here.
let inFlight = 0;
app.addHook('onRequest', (request, reply, done) => {
  inFlight++;
  reply.header('x-request-id', request.id);
  reply.headers(SECURITY_HEADERS);
  if (repeatsSingleHeader(request.raw.rawHeaders)) return done(problem(400, 'Send Authorization and Idempotency-Key once.'));
  request.keyId = keyIdOf(request.headers.authorization);
  if (!limiter.take(request.keyId ?? request.ip)) return done(problem(429, 'Too many requests.'));
  done();
});
app.addHook('onSend', (request, reply, payload, done) => {
  reply.header('cache-control', 'no-store');
  done(null, payload);
});
app.addHook('onResponse', (request, reply, done) => {
  inFlight--;
  const route = request.routeOptions.url ?? 'unmatched';
  metrics.observe(`${request.method} ${route} ${reply.statusCode}`, reply.elapsedTime);
  accessLog.info(request, reply, route);
  done();
});
app.setErrorHandler((error, _request, reply) => {
  reply.code(error.statusCode ?? 500).type('application/problem+json');
  return { title: error.message, status: error.statusCode ?? 500 };
});

app.post('/v1/klarna/customer-tokens/:tokenId/orders', async (request, reply) => {
  if (request.keyId === undefined) throw problem(401, 'The API key is not valid.');
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) throw problem(400, 'Idempotency-Key is required.');
  const charge = chargeOf(request.body);
  if (charge === undefined) throw problem(400, 'The charge is not valid.');
  const scopedKey = `${request.keyId}\n${key}`;
  const order = await records.once(`token-order:klarna:default:${sha256Hex(scopedKey)}`, sha256Hex(JSON.stringify(charge)), () =>
    placeOrder(request.params.tokenId, charge, providerKey('default', scopedKey)),
  );
  if (order.replayed) reply.header('idempotent-replayed', 'true');
  reply.code(201);
  reply.header('paytokens-account', 'default');
  return Object.assign(order.answer, { account: 'default' });
});

/** One Klarna order, within a deadline, through the breaker, counted. */
async function placeOrder(tokenId, charge, providerKeyValue) {
  if (breaker.open) throw problem(503, 'Klarna is unavailable.');
  const started = performance.now();
  const deadline = new Deadline(CALL_DEADLINE_MS);
  try {
    const { status, answer } = await klarna.send(
      `/customer-token/v1/tokens/${encodeURIComponent(tokenId)}/order`,
      charge,
      { 'klarna-idempotency-key': providerKeyValue },
      deadline,
    );
    breaker.record(status < 500);
    metrics.observe(`klarna createOrder ${status}`, performance.now() - started);
    if (status !== 200) throw problem(502, `Klarna answered ${status}.`);
    return answer;
  } finally {
    deadline.clear();
  }
}

/** The signal undici takes besides an AbortSignal (an emitter with `aborted`): a timer, and nothing per call else. */
class Deadline extends EventEmitter {
  aborted = false;
  constructor(timeoutMs) {
    super();
    this.timer = setTimeout(() => {
      this.aborted = true;
      this.emit('abort');
    }, timeoutMs).unref();
  }
  clear() {
    clearTimeout(this.timer);
  }
}

/** The charge's fields, checked and in a fixed order (so its JSON is its fingerprint), or undefined. */
function chargeOf(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || 'tokenId' in body) return undefined;
  const { purchaseCurrency, orderAmount, orderTaxAmount, orderLines, autoCapture } = body;
  if (!CURRENCY.test(purchaseCurrency ?? '') || !isAmount(orderAmount) || !isAmount(orderTaxAmount)) return undefined;
  if (!Array.isArray(orderLines) || orderLines.length === 0 || orderLines.length > 1000) return undefined;
  let total = 0;
  let tax = 0;
  const lines = [];
  for (const line of orderLines) {
    const { type, name, quantity, unitPrice, taxRate, totalAmount, totalTaxAmount } = line ?? {};
    if (typeof name !== 'string' || name.length === 0 || name.length > 255) return undefined;
    if (!isAmount(quantity) || !isAmount(unitPrice) || !isAmount(taxRate) || !isAmount(totalAmount) || !isAmount(totalTaxAmount))
      return undefined;
    total += totalAmount;
    tax += totalTaxAmount;
    lines.push({ type, name, quantity, unitPrice, taxRate, totalAmount, totalTaxAmount });
  }
  if (total !== orderAmount || tax !== orderTaxAmount) return undefined;
  return { purchaseCurrency, orderAmount, orderTaxAmount, orderLines: lines, autoCapture: autoCapture === true };
}

function isAmount(value) {
  return Number.isSafeInteger(value) && value >= 0;
}

/** At most one run per key: a claim, the stored answer replayed, another fingerprint 422, one in progress 409. */
const records = {
  map: new Map(),
  async once(key, fingerprint, run) {
    const now = Date.now();
    const found = this.map.get(key);
    if (found !== undefined && found.expiresAt > now) {
      if (found.fingerprint !== fingerprint) throw problem(422, 'This idempotency key was used for another request.');
      if (found.answer === undefined) throw problem(409, 'A request with this idempotency key is in progress.');
      return { answer: JSON.parse(found.answer), replayed: true };
    }
    const claim = { fingerprint, claimId: randomUUID(), answer: undefined, expiresAt: now + 120_000 };
    this.map.set(key, claim);
    let answer;
    try {
      answer = await run();
    } catch (error) {
      if (this.map.get(key) === claim) this.map.delete(key);
      throw error;
    }
    this.map.set(key, { fingerprint, answer: JSON.stringify(answer), expiresAt: Date.now() + RECORD_TTL_MS });
    return { answer, replayed: false };
  },
};

/** Klarna's idempotency key: a UUIDv5 of the account and the scoped key, the same on every attempt. */
function providerKey(account, scopedKey) {
  const bytes = hash('sha1', Buffer.concat([PROVIDER_KEY_NAMESPACE, Buffer.from(`${account}\n${scopedKey}`)]), 'buffer').subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function sha256Hex(text) {
  return hash('sha256', text, 'hex');
}

/** A token bucket per caller: the API's limit (the bench sets it high enough that every request passes). */
const limiter = {
  perMs: Number(process.env.RATE_LIMIT_PER_MINUTE ?? 1_000_000_000) / 60_000,
  burst: Number(process.env.RATE_LIMIT_BURST ?? 1_000_000_000),
  buckets: new Map(),
  take(caller) {
    const now = performance.now();
    const bucket = this.buckets.get(caller) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(caller, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  },
};

/** Consecutive failures open it; what the API's breaker keeps per call is about this much. */
const breaker = {
  failures: 0,
  open: false,
  record(ok) {
    this.failures = ok ? 0 : this.failures + 1;
    this.open = this.failures >= 5;
  },
};

/** Duration histograms by series, Prometheus's default buckets (seconds). */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const metrics = {
  series: new Map(),
  observe(series, durationMs) {
    let counts = this.series.get(series);
    if (counts === undefined) this.series.set(series, (counts = { buckets: new Array(BUCKETS.length).fill(0), count: 0, sum: 0 }));
    const seconds = durationMs / 1000;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) counts.buckets[i]++;
    counts.count++;
    counts.sum += seconds;
  },
};

/** One JSON line per answer, built by hand (pino's fields), the time formatted once a second, written in batches. */
const accessLog = {
  prefix: `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"reqId":`,
  second: 0,
  time: '',
  pending: [],
  info(request, reply, route) {
    const now = Date.now();
    if (now - this.second >= 1000) {
      this.second = now - (now % 1000);
      this.time = new Date(this.second).toISOString();
    }
    this.pending.push(
      `{"level":"info","time":"${this.time}"${this.prefix}${JSON.stringify(request.id)},"method":"${request.method}","route":"${route}","path":${JSON.stringify(maskedPath(request.url))},"status":${reply.statusCode},"durationMs":${Math.round(reply.elapsedTime * 100) / 100},"keyId":${JSON.stringify(request.keyId ?? null)},"msg":"request completed"}\n`,
    );
    if (this.pending.length === 1) setImmediate(() => this.flush());
  },
  flush() {
    process.stdout.write(this.pending.join(''));
    this.pending = [];
  },
};

/** The path with every segment that is not one of the route's words cut to its last four characters. */
const LITERALS = new Set(['v1', 'klarna', 'customer-tokens', 'orders']);
function maskedPath(url) {
  const end = url.indexOf('?');
  const path = end < 0 ? url : url.slice(0, end);
  let masked = '';
  for (let start = 0; ;) {
    const slash = path.indexOf('/', start);
    const segment = slash < 0 ? path.slice(start) : path.slice(start, slash);
    masked += segment === '' || LITERALS.has(segment) ? segment : `…${segment.slice(-4)}`;
    if (slash < 0) return masked;
    masked += '/';
    start = slash + 1;
  }
}

function repeatsSingleHeader(rawHeaders) {
  let authorization = 0;
  let idempotencyKey = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (name.length === 13 && name.toLowerCase() === 'authorization') authorization++;
    else if (name.length === 15 && name.toLowerCase() === 'idempotency-key') idempotencyKey++;
  }
  return authorization > 1 || idempotencyKey > 1;
}

/** Whether `text` nests at most `maxDepth` deep and holds at most `maxKeys` keys (one pass, before parsing). */
function withinLimits(text, maxDepth, maxKeys) {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return false;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x3a && ++keys > maxKeys) return false;
  }
  return true;
}

const PROTOTYPE_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));
function cleanJson(value) {
  if (typeof value === 'string') return !CONTROL_CHARACTER.test(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(cleanJson);
  for (const key of Object.keys(value))
    if (PROTOTYPE_MEMBERS.has(key) || CONTROL_CHARACTER.test(key) || !cleanJson(value[key])) return false;
  return true;
}

function problem(statusCode, message) {
  return Object.assign(new Error(message), { statusCode });
}

await listenAndReport(app, async () => {
  accessLog.flush();
  await klarna.close();
});
