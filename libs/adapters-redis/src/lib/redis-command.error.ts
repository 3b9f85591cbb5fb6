/**
 * A Redis command failed (server unreachable, timeout, or an error reply). Built from the original
 * error's name, message and code only: ioredis attaches the command's arguments to reply errors, and
 * those arguments hold cached tokens and stored results, so the original is never kept as `cause`.
 */
export class RedisCommandError extends Error {
  /** The adapter operation that failed, e.g. `access-token-cache.set`. */
  readonly operation: string;
  /** The underlying error's code when it had one (`ECONNREFUSED`, `OOM`, `NOSCRIPT`...). */
  readonly redisCode?: string;

  constructor(operation: string, error: unknown) {
    const original = error instanceof Error ? error : undefined;
    super(`Redis ${operation} failed: ${original ? `${original.name}: ${original.message}` : 'unknown error'}`);
    this.name = 'RedisCommandError';
    this.operation = operation;
    this.redisCode = codeOf(original);
  }

  /** A plain form for logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, operation: this.operation, redisCode: this.redisCode };
  }
}

/** Runs one Redis call and replaces any failure with a {@link RedisCommandError}. */
export async function redisCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new RedisCommandError(operation, error);
  }
}

function codeOf(error: Error | undefined): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  // Redis error replies start with an upper-case code word: "OOM command not allowed ...".
  const word = /^([A-Z][A-Z_]+)\b/.exec(error?.message ?? '')?.[1];
  return word;
}
