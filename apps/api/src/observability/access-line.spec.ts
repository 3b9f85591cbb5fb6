import pino from 'pino';
import { type AccessLine, accessLineWriter } from './access-line';
import { createAppLogger } from './app-logger';

function capture() {
  const lines: string[] = [];
  return { destination: { write: (line: string) => lines.push(line) }, lines };
}

const LINES: AccessLine[] = [
  {
    reqId: 'r-1',
    method: 'POST',
    route: '/v1/klarna/customer-tokens/:tokenId/orders',
    path: '/v1/klarna/customer-tokens/…5e6f/orders',
    status: 201,
    durationMs: 11.09,
    keyId: '2f21f86cbccc0825',
  },
  {
    reqId: 'r-2',
    method: 'GET',
    route: '(unmatched)',
    path: '/a"b\\c\n\u0001\u2028é😀\ud800',
    status: 404,
    durationMs: 0,
    keyId: undefined,
  },
  { reqId: 'r-3', method: 'POST', route: '/v1/zenki/access-tokens', path: '/v1/zenki/access-tokens', status: 503, durationMs: Number.NaN },
  // One character that matters per string, so that each is handled on its own.
  ...['/a"b', '/a\\b', '/a\tb', '/a\u2028b', '/a😀b', '/añb'].map((path, i) => ({
    reqId: `r-${4 + i}`,
    method: 'GET',
    route: '(unmatched)',
    path,
    status: 404,
    durationMs: 0.25,
    keyId: 'k"1',
  })),
];

describe('accessLineWriter', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 11, 31, 23, 59, 59, 998) }));
  afterEach(() => jest.useRealTimers());

  it("writes the text pino writes for the same fields, at every level, with the app's logger settings", () => {
    const ours = capture();
    const pinos = capture();
    const write = accessLineWriter(createAppLogger({ level: 'trace', destination: ours.destination }).accessLogger, 'request completed');
    const { accessLogger } = createAppLogger({ level: 'trace', destination: pinos.destination });
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const) {
      for (const line of LINES) {
        write(level, line);
        accessLogger[level](line, 'request completed');
        jest.advanceTimersByTime(1);
      }
    }
    expect(ours.lines).toHaveLength(6 * LINES.length);
    expect(ours.lines).toEqual(pinos.lines);
    // Valid JSON, the odd characters kept and `undefined` left out.
    expect(JSON.parse(ours.lines[1])).toMatchObject({ level: 'trace', path: LINES[1].path, status: 404 });
    expect(JSON.parse(ours.lines[1])).not.toHaveProperty('keyId');
    expect(JSON.parse(ours.lines[2])).toMatchObject({ durationMs: null, msg: 'request completed' });
  });

  it('writes a lone surrogate as an escape, so the line stays valid JSON', () => {
    const out = capture();
    accessLineWriter(createAppLogger({ level: 'info', destination: out.destination }).accessLogger, 'done')('info', {
      ...LINES[0],
      path: '/a\ud800b',
    });
    expect(out.lines[0]).toContain('"path":"/a\\ud800b"');
    expect(JSON.parse(out.lines[0])).toMatchObject({ path: '/a\ud800b' });
  });

  it('writes nothing below the logger’s level, and follows a level changed later', () => {
    const out = capture();
    const { accessLogger } = createAppLogger({ level: 'info', destination: out.destination });
    const write = accessLineWriter(accessLogger, 'request completed');
    write('debug', LINES[0]);
    expect(out.lines).toEqual([]);
    accessLogger.level = 'debug';
    write('debug', LINES[0]);
    expect(JSON.parse(out.lines[0])).toMatchObject({ level: 'debug', reqId: 'r-1' });
  });

  it("keeps a child logger's bindings, as pino writes them", () => {
    const ours = capture();
    const pinos = capture();
    const settings = { timestamp: pino.stdTimeFunctions.isoTime };
    accessLineWriter(pino(settings, ours.destination).child({ instance: 'a"1' }), 'done')('info', LINES[0]);
    pino(settings, pinos.destination).child({ instance: 'a"1' }).info(LINES[0], 'done');
    expect(ours.lines).toEqual(pinos.lines);
  });

  it('leaves a logger with a mixin (trace ids) to pino, so its fields are still on every line', () => {
    const out = capture();
    const { accessLogger } = createAppLogger({ level: 'info', destination: out.destination, mixin: () => ({ traceId: 't-1' }) });
    accessLineWriter(accessLogger, 'request completed')('info', LINES[0]);
    expect(JSON.parse(out.lines[0])).toMatchObject({ traceId: 't-1', reqId: 'r-1', msg: 'request completed' });
  });
});
