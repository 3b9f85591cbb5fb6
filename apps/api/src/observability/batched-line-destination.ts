/** Where the batches go (an {@link FdChunkWriter} for stdout). */
export interface ChunkWriter {
  write(chunk: Buffer): unknown;
  flushSync(): void;
}

/** How to batch. */
export interface BatchingOptions {
  /** A batch is handed over once it holds this many characters (UTF-16 units; ~2 KiB of JSON lines). */
  batchChars?: number;
  /** And at least this often (ms) while it holds anything; the timer does not keep the process alive. */
  flushIntervalMs?: number;
}

/**
 * A log destination that gathers lines and hands them to a {@link ChunkWriter} as whole batches of about 2 KiB,
 * in order, never splitting a line. Per line it only appends the line: sonic-boom measured its whole pending
 * chunk (`Buffer.byteLength`) on every line, the largest part of a log line's cost. `flushSync()` writes
 * everything out; the app calls it at shutdown and on exit.
 */
export class BatchedLineDestination {
  // A rope: appending is O(1) and its length is kept, so the batch's size costs nothing per line.
  private pending = '';
  private readonly batchChars: number;

  constructor(
    private readonly writer: ChunkWriter,
    options: BatchingOptions = {},
  ) {
    this.batchChars = options.batchChars ?? 2048;
    setInterval(() => this.handOver(), options.flushIntervalMs ?? 1000).unref();
  }

  /** Appends one line (pino hands over whole lines, newline included). */
  write(line: string): boolean {
    this.pending += line;
    if (this.pending.length >= this.batchChars) this.handOver();
    return true;
  }

  /** Writes every line held here and by the writer before returning. */
  flushSync(): void {
    this.handOver();
    this.writer.flushSync();
  }

  private handOver(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = '';
    this.writer.write(Buffer.from(batch, 'utf8'));
  }
}
