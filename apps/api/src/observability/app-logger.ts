import pino, { type Logger } from 'pino';
import { BatchedLineDestination } from './batched-line-destination';
import { FdChunkWriter } from './fd-chunk-writer';
import { isoTime } from './iso-time';
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
    timestamp: isoTime,
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
 * stdout, batched: lines are gathered into ~2 KiB batches (about 7 access lines), each written with one
 * non-blocking system call (a full pipe's rest is tried again shortly), at least once a second, and flushed on exit.
 */
function stdout(): pino.DestinationStream {
  // Reading process.stdout makes Node (libuv) open a pipe on fd 1 non-blocking: a full pipe then answers EAGAIN
  // instead of stopping the process until its reader catches up.
  void process.stdout;
  const destination = new BatchedLineDestination(new FdChunkWriter(1, reportOnce()));
  // Lines written after the app's own shutdown hook (other modules closing) still reach stdout.
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // stdout is closed or broken: nothing left that can be written.
    }
  });
  return destination;
}

/** A write error on stdout, said once on stderr (every batch would meet it again); the lines stay queued. */
function reportOnce(): (error: NodeJS.ErrnoException) => void {
  let reported = false;
  return (error) => {
    if (reported) return;
    reported = true;
    process.stderr.write(`Log lines could not be written to stdout (${error.code ?? error.message}); they are kept and retried\n`);
  };
}
