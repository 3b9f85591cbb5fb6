import pino from 'pino';
import { createAppLogger } from './app-logger';

function capture() {
  const lines: string[] = [];
  return {
    destination: { write: (line: string) => lines.push(line) },
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createAppLogger', () => {
  it('writes one JSON object per line with an ISO time and the level by name', () => {
    const out = capture();
    createAppLogger({ level: 'info', destination: out.destination }).logger.info({ provider: 'zenki' }, 'hello');
    expect(out.lines).toHaveLength(1);
    expect(out.records()[0]).toMatchObject({
      level: 'info',
      provider: 'zenki',
      msg: 'hello',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('scrubs every argument: the object, the message and interpolated values', () => {
    const out = capture();
    const { logger } = createAppLogger({ level: 'info', destination: out.destination, knownSecrets: ['klarna-password-value'] });
    logger.info({ body: { password: 'p4ss', email: 'a@b.example' } }, 'sent %s to %s', 'klarna-password-value', 'jane@example.com');
    logger.error(new Error('Bearer abcdefghijklmnop refused'));
    const text = out.lines.join('');
    for (const secret of ['p4ss', 'a@b.example', 'klarna-password-value', 'jane@example.com', 'abcdefghijklmnop'])
      expect(text).not.toContain(secret);
    expect(out.records()[1]).toMatchObject({
      level: 'error',
      msg: 'Bearer [REDACTED] refused',
      err: { type: 'Error', message: 'Bearer [REDACTED] refused' },
    });
  });

  it("keeps pino's redact paths as a second net, and honours the level", () => {
    const out = capture();
    const { logger } = createAppLogger({ level: 'warn', destination: out.destination });
    logger.info('not written');
    logger.warn({ req: { headers: { authorization: 'Basic x' } } }, 'written');
    expect(out.records()).toEqual([expect.objectContaining({ msg: 'written', req: { headers: { authorization: '[REDACTED]' } } })]);
    const silent = capture();
    createAppLogger({ level: 'silent', destination: silent.destination }).logger.fatal('nothing');
    expect(silent.lines).toEqual([]);
  });

  it('gives an access logger on the same destination that writes exactly what it is given', () => {
    const out = capture();
    const { accessLogger } = createAppLogger({ level: 'info', destination: out.destination });
    accessLogger.info({ reqId: 'r-1', path: '/v1/klarna/customer-tokens/…5e6f', status: 200 }, 'request completed');
    expect(out.records()[0]).toMatchObject({ reqId: 'r-1', path: '/v1/klarna/customer-tokens/…5e6f', status: 200 });
  });

  it("writes an access line byte for byte as pino's stock settings did (isoTime, level by name), at any instant", () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 11, 31, 23, 59, 59, 998) });
    try {
      const ours = capture();
      const stock = capture();
      const { accessLogger } = createAppLogger({ level: 'info', destination: ours.destination });
      const stockLogger = pino(
        { level: 'info', timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
        stock.destination,
      );
      const line = {
        reqId: 'r-1',
        method: 'POST',
        route: '/v1/x/:id',
        path: '/v1/x/…5e6f',
        status: 201,
        durationMs: 1.5,
        keyId: undefined,
      };
      for (let i = 0; i < 5; i += 1) {
        accessLogger.info(line, 'request completed');
        stockLogger.info(line, 'request completed');
        jest.advanceTimersByTime(1);
      }
      expect(ours.lines).toEqual(stock.lines);
    } finally {
      jest.useRealTimers();
    }
  });
});
