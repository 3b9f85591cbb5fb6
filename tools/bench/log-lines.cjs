// The cost of the charge route's two info lines (the access line and the provider-call line), in ns per line, with
// the app's access logger as built today (`after`) against the settings it had before issue 19's logging work
// (`before`: pino's isoTime, pino.destination with minLength 2048 / maxWrite 4096). `*-noop` writes to a
// destination that drops the line, to separate pino's formatting from the writing.
//
//   node tools/bench/log-lines.cjs <before|after|before-noop|after-noop> [pairs per turn, default 4] > /dev/null
//
// Results go to stderr. A few requests' lines are written per turn of the event loop, as a server under load
// writes them, so asynchronous writes run during the measurement; CPU time is the whole process's (threads too).
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
require('ts-node').register({ transpileOnly: true, project: path.join(root, 'apps/api/tsconfig.spec.json') });
// The workspace's path aliases resolve to the libraries' sources, as in the Jest suites.
const Module = require('node:module');
const aliases = require(path.join(root, 'tsconfig.base.json')).compilerOptions.paths;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const mapped = aliases[request];
  return resolveFilename.call(this, mapped ? path.join(root, mapped[0]) : request, ...rest);
};
const pino = require('pino');
const { createAppLogger } = require(path.join(root, 'apps/api/src/observability/app-logger.ts'));

const variant = process.argv[2] ?? 'after';
const noop = { write: () => true };

function loggerFor(name) {
  if (name === 'after') return createAppLogger({ level: 'info' }).accessLogger;
  if (name === 'after-noop') return createAppLogger({ level: 'info', destination: noop }).accessLogger;
  const options = {
    level: 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (name === 'before-noop') return pino(options, noop);
  const destination = pino.destination({ dest: 1, sync: false, minLength: 2048, maxWrite: 4096, periodicFlush: 1000 });
  process.once('exit', () => destination.flushSync());
  return pino(options, destination);
}

const logger = loggerFor(variant);
let request = 0;
function twoLines() {
  request += 1;
  logger.info(
    {
      provider: 'klarna',
      account: 'default',
      operation: 'createOrder',
      outcome: 'success',
      status: 200,
      durationMs: Math.round((12.3456 + (request % 7)) * 100) / 100,
      correlationId: `c0ffee00-1234-4abc-9def-${String(request).padStart(12, '0')}`,
      attempt: undefined,
    },
    'provider call',
  );
  logger.info(
    {
      reqId: `5f0c6a4e-2b1d-4c3e-8f9a-${String(request).padStart(12, '0')}`,
      method: 'POST',
      route: '/v1/klarna/customer-tokens/:tokenId/charges',
      path: '/v1/klarna/customer-tokens/…5e6f/charges',
      status: 201,
      durationMs: Math.round((15.6789 + (request % 5)) * 100) / 100,
      keyId: 'default',
    },
    'request completed',
  );
}

const SLICE = Number(process.argv[3] ?? 4);
async function run(pairs) {
  for (let done = 0; done < pairs; done += SLICE) {
    for (let i = 0; i < SLICE; i += 1) twoLines();
    await new Promise(setImmediate);
  }
}

async function main() {
  // LOG_LINES_PAIRS: fewer lines, to count instructions under callgrind (the difference between two counts).
  const pairs = Number(process.env.LOG_LINES_PAIRS ?? 100_000);
  await run(pairs);
  const rounds = [];
  for (let round = 0; round < 5; round += 1) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    await run(pairs);
    const wallNs = Number(process.hrtime.bigint() - start);
    const used = process.cpuUsage(cpu);
    rounds.push({ wall: wallNs / (2 * pairs), cpu: ((used.user + used.system) * 1000) / (2 * pairs) });
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const wall = median(rounds.map((r) => r.wall));
  const cpu = median(rounds.map((r) => r.cpu));
  process.stderr.write(
    `${variant}, ${SLICE} pairs a turn: ${wall.toFixed(0)} ns/line wall, ${cpu.toFixed(0)} ns/line CPU (median of 5 rounds of ${2 * pairs} lines)\n`,
  );
}

main();
