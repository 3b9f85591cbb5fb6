import type { LoggerService, LogLevel } from '@nestjs/common';
import { Logger as NestPinoLogger, type PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * Nest's logger (framework messages, `new Logger(...)` in the app, the problem filter's 500s) written
 * through the app's pino logger by nestjs-pino's adapter, for the Nest levels given. The adapter is fed
 * this app's own logger rather than nestjs-pino's process-wide one, so apps sharing a process (tests)
 * keep their lines apart.
 */
export class NestLogBridge implements LoggerService {
  private readonly target: NestPinoLogger;

  constructor(
    logger: Logger,
    private readonly levels: ReadonlySet<LogLevel>,
  ) {
    // pino's Logger has every method nestjs-pino's adapter calls on a PinoLogger (trace … fatal).
    this.target = new NestPinoLogger(logger as unknown as PinoLogger, {});
  }

  log(message: unknown, ...params: unknown[]): void {
    if (this.levels.has('log')) this.target.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    if (this.levels.has('error')) this.target.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    if (this.levels.has('warn')) this.target.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    if (this.levels.has('debug')) this.target.debug(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    if (this.levels.has('verbose')) this.target.verbose(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    if (this.levels.has('fatal')) this.target.fatal(message, ...params);
  }
}
