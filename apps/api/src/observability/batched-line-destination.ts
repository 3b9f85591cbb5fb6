/** What the batches are handed to: a sonic-boom in `contentMode: 'buffer'` does the fd writes (partial writes, EAGAIN). */
export interface ChunkWriter {
  write(chunk: Buffer): unknown;
  flushSync(): void;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** How to batch. */
export interface BatchingOptions {
  /** A batch is handed over once it holds this many characters (UTF-16 units; ~2 KiB of JSON lines). */
  batchChars?: number;
  /** And at least this often (ms) while it holds anything; the timer does not keep the process alive. */
  flushIntervalMs?: number;
  /** Write errors other than EPIPE (the lines stay queued and are tried again with the next batch). */
  onError?: (error: NodeJS.ErrnoException) => void;
}

/**
 * A log destination that gathers lines and hands them to a {@link ChunkWriter} as whole batches of about 2 KiB,
 * in order, never splitting a line. Per line it only appends the line and adds its length: sonic-boom alone
 * measured its whole pending chunk (`Buffer.byteLength`) on every line, the largest part of a log line's cost.
 * `flushSync()` writes everything out before the process exits.
 */
export class BatchedLineDestination {
  // A rope: appending is O(1) and its length is kept, so the batch's size costs nothing per line.
  private pending = '';
  private readonly batchChars: number;
  private readonly onError: (error: NodeJS.ErrnoException) => void;
  private readerGone = false;

  constructor(
    private readonly writer: ChunkWriter,
    options: BatchingOptions = {},
  ) {
    this.batchChars = options.batchChars ?? 2048;
    this.onError = options.onError ?? (() => undefined);
    setInterval(() => this.handOver(), options.flushIntervalMs ?? 1000).unref();
    writer.on('error', (error) => {
      // Nobody reads any more (stdout's reader exited): nothing written from now on can arrive, so stop writing.
      if (error.code === 'EPIPE') this.readerGone = true;
      else this.onError(error);
    });
  }

  /** Appends one line (pino hands over whole lines, newline included). */
  write(line: string): boolean {
    this.pending += line;
    if (this.pending.length >= this.batchChars) this.handOver();
    return true;
  }

  /** Writes every line held here and by the writer, synchronously: at shutdown and on exit. */
  flushSync(): void {
    this.handOver();
    if (!this.readerGone) this.writer.flushSync();
  }

  private handOver(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = '';
    if (!this.readerGone) this.writer.write(Buffer.from(batch, 'utf8'));
  }
}
