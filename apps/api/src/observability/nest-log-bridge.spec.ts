import { type ArgumentsHost, Logger } from '@nestjs/common';
import { ProblemFilter } from '../problem/problem.filter';
import { createAppLogger } from './app-logger';
import { NestLogBridge } from './nest-log-bridge';

/** A capture of the JSON lines a logger writes. */
function capture() {
  const lines: string[] = [];
  return {
    destination: { write: (line: string) => lines.push(line) },
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('NestLogBridge', () => {
  afterEach(() => Logger.overrideLogger(['error', 'warn']));

  it("writes Nest's messages as JSON lines, for the Nest levels it is given only", () => {
    const out = capture();
    const { logger } = createAppLogger({ level: 'trace', destination: out.destination });
    const bridge = new NestLogBridge(logger, new Set(['error', 'warn']));
    bridge.log('Mapped {/v1, POST} route', 'RouterExplorer');
    bridge.warn('careful', 'Somewhere');
    expect(out.records()).toEqual([expect.objectContaining({ level: 'warn', msg: 'careful', context: 'Somewhere' })]);
  });

  it("puts the problem filter's 500s through the scrubber: message and stack", () => {
    const out = capture();
    const { logger } = createAppLogger({ level: 'info', destination: out.destination, knownSecrets: ['configured-zenki-secret'] });
    Logger.overrideLogger(new NestLogBridge(logger, new Set(['error', 'warn', 'fatal'])));
    const reply = { status: () => reply, type: () => reply, headers: () => reply, send: () => reply };
    const host = {
      switchToHttp: () => ({
        getResponse: () => reply,
        getRequest: () => ({ method: 'GET', url: '/v1/klarna/customer-tokens/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f?x=1' }),
      }),
    } as unknown as ArgumentsHost;
    new ProblemFilter().catch(
      new Error('upstream said Bearer zsim_secret_token_value for jane@example.com with configured-zenki-secret'),
      host,
    );

    const [record] = out.records();
    expect(record).toMatchObject({
      level: 'error',
      context: 'ProblemFilter',
      msg: 'Unhandled error on GET /v1/klarna/customer-tokens/…5e6f',
    });
    expect((record['err'] as { stack: string }).stack).toContain('Bearer [REDACTED]');
    for (const secret of ['zsim_secret_token_value', 'jane@example.com', 'configured-zenki-secret', '7c5f3c58'])
      expect(
        out
          .records()
          .map((r) => JSON.stringify(r))
          .join(),
      ).not.toContain(secret);
  });
});
