import pino, { type Level, type Logger } from 'pino';

/** One access line: what an answer was (never a body, never a header). Written in this order. */
export interface AccessLine {
  reqId: string;
  method: string;
  route: string;
  path: string;
  status: number;
  durationMs: number;
  /** Not written when undefined (an answer before authentication). */
  keyId?: string;
}

/** Writes `line` at `level` with the writer's message, if `level` is enabled. */
export type AccessLineWriter = (level: Level, line: AccessLine) => void;

const {
  chindingsSym,
  endSym,
  hooksSym,
  lsCacheSym,
  messageKeySym,
  mixinSym,
  msgPrefixSym,
  needsMetadataGsym,
  nestedKeySym,
  streamSym,
  timeSym,
  // pino has the message prefix's symbol (child loggers' `msgPrefix`) but its types do not list it yet.
} = pino.symbols as typeof pino.symbols & { msgPrefixSym: symbol };

/**
 * Access lines for `logger`: the same text pino writes for these fields (level, time, bindings, fields, message; a
 * test compares them), to the same destination, but from a template for this one shape. Pino's writer walks the
 * object key by key through its serializers, and those property loads, megamorphic across every logger and line
 * shape of the app, were a tenth of a charge's instructions (tools/bench/FINDINGS.md, eighth pass). The level, the
 * time function and the bindings are pino's own (its documented `pino.symbols`), read per line. A logger that
 * changes lines on their way (a mixin, as tracing adds, hooks, a message prefix, a nested key, a destination that
 * wants pino's metadata) gets them written by pino itself.
 */
export function accessLineWriter(logger: Logger, message: string): AccessLineWriter {
  const state = logger as unknown as Record<symbol, unknown>;
  const stream = state[streamSym] as { write(text: string): unknown } & Record<symbol, unknown>;
  const plain =
    !state[mixinSym] &&
    !(state[hooksSym] as { streamWrite?: unknown } | undefined)?.streamWrite &&
    !state[msgPrefixSym] &&
    !state[nestedKeySym] &&
    stream[needsMetadataGsym] !== true;
  if (!plain) {
    return (level, line) => {
      if (logger.isLevelEnabled(level)) logger[level](line, message);
    };
  }
  const levelStarts = state[lsCacheSym] as Record<number, string>;
  const time = state[timeSym] as () => string;
  const end = `,${JSON.stringify(state[messageKeySym])}:${JSON.stringify(message)}${state[endSym] as string}`;
  return (level, line) => {
    if (!logger.isLevelEnabled(level)) return;
    stream.write(
      `${levelStarts[logger.levels.values[level]]}${time()}${state[chindingsSym] as string}` +
        `,"reqId":${jsonString(line.reqId)},"method":${jsonString(line.method)},"route":${jsonString(line.route)}` +
        `,"path":${jsonString(line.path)},"status":${jsonNumber(line.status)},"durationMs":${jsonNumber(line.durationMs)}` +
        `${line.keyId === undefined ? '' : `,"keyId":${jsonString(line.keyId)}`}${end}`,
    );
  };
}

// What JSON escapes (and surrogates, which JSON.stringify checks for pairing): a string with none of them is written
// as it is, in quotes. The test costs a third of a call of JSON.stringify, which was most of a line's cost.
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `value` as a JSON string. */
function jsonString(value: string): string {
  return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** A number as pino writes it: `null` when not finite. */
function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
