import pino, { type Logger } from 'pino';
import { LogScrubber, PINO_REDACT_PATHS, REDACTED } from './log-redaction';

/** The levels `LOG_LEVEL` accepts, from the fewest lines to the most. */
export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Where log lines go: anything with `write(line)`. Default stdout; tests pass a capture. */
export interface LogDestination {
  write(line: string): unknown;
}

/** How to build the app's logger. */
export interface AppLoggerOptions {
  level: LogLevelName;
  /** Default: stdout, buffered and written asynchronously at least once a second (flushed at shutdown). */
  destination?: LogDestination;
  /** Values to remove from every line wherever they appear (the configured credentials). */
  knownSecrets?: readonly string[];
  /** Fields added to every line, access lines included (the trace ids, when OpenTelemetry runs). */
  mixin?: () => Record<string, unknown>;
}

/** The app's loggers and how to flush them. */
export interface AppLogger {
  /** For everything but access lines: every call is scrubbed. */
  logger: Logger;
  /**
   * For access lines and provider-call lines only, on the hot paths: no scrubbing (its lines are built from route templates,
   * masked paths, ids and numbers, never from request data), so a line costs what pino costs.
   */
  accessLogger: Logger;
  /** Writes out what an asynchronous destination still holds; call at shutdown. */
  flush(): void;
}

/**
 * Pino loggers writing one JSON object per line to one destination. Every call of `logger` goes through
 * a {@link LogScrubber} first (any depth, free text included), and pino's own `redact` paths stay on as
 * a second net. Errors are logged under `err` as `{ type, message, stack, code, … }`, scrubbed like
 * everything else.
 */
export function createAppLogger(options: AppLoggerOptions): AppLogger {
  const scrubber = new LogScrubber(options.knownSecrets);
  const destination = (options.destination ?? stdout()) as pino.DestinationStream;
  const common = {
    level: options.level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: options.mixin,
  };
  const logger = pino(
    {
      ...common,
      redact: { paths: PINO_REDACT_PATHS, censor: REDACTED },
      // The scrubber has made errors plain already; pino's serializer would call them "Object".
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          const scrubbedRest = rest.map((arg) => scrubber.scrub(arg));
          if (first instanceof Error) {
            const err = scrubber.scrub(first) as { message: string };
            const message = scrubbedRest.length > 0 ? scrubbedRest : [err.message];
            return method.apply(this, [{ err }, ...message] as Parameters<typeof method>);
          }
          return method.apply(this, [scrubber.scrub(first), ...scrubbedRest] as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
  return {
    logger,
    accessLogger: pino(common, destination),
    flush: () => {
      const flushSync = (destination as { flushSync?: () => void }).flushSync;
      try {
        flushSync?.call(destination);
      } catch {
        // Nothing was buffered (or the stream is closed): nothing left to write.
      }
    },
  };
}

/**
 * stdout, buffered: written once 2 KiB are pending (one write per ~7 access lines) and at least once a second,
 * flushed on exit. Writes are capped at 4 KiB because sonic-boom appends each line to its last pending chunk and
 * measures that whole chunk again (`Buffer.byteLength`, which flattens the joined string): per line, that costs
 * in proportion to the chunk, so the default 16 KiB chunks made logging the largest cost of a charge.
 */
function stdout(): pino.DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 2048, maxWrite: 4096, periodicFlush: 1000 });
  // Lines written after the app's own shutdown hook (other modules closing) still reach stdout.
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // Already closed: nothing left to write.
    }
  });
  return destination;
}
