import { writeSync } from 'node:fs';

/** How long `flushSync` waits for a full pipe's reader before it gives up (at exit, a stuck reader must not hang it). */
const FLUSH_SYNC_LIMIT_MS = 5000;
/** How soon a full pipe is tried again. */
const RETRY_MS = 10;

/**
 * Writes chunks to a file descriptor in order, with one `write` system call per chunk on the calling thread,
 * keeping what the descriptor does not take (a full pipe answers EAGAIN: no wait, the rest is tried again
 * shortly). Not through libuv's thread pool as `fs.write` and sonic-boom do: there, a write in flight cannot be
 * seen from `flushSync`, which then wrote later lines before it (measured), and each write cost a thread hop.
 */
export class FdChunkWriter {
  private readonly queue: Buffer[] = [];
  private retry: NodeJS.Timeout | undefined;
  private readerGone = false;

  /** @param onError write errors but EPIPE and a passing EAGAIN (the chunks are kept and tried again with the next). */
  constructor(
    private readonly fd: number,
    private readonly onError: (error: NodeJS.ErrnoException) => void,
  ) {}

  write(chunk: Buffer): void {
    if (this.readerGone) return;
    this.queue.push(chunk);
    if (this.retry === undefined) this.drain(false);
  }

  /** Writes everything queued before returning, waiting for a full pipe (up to 5 s): at shutdown and exit. */
  flushSync(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
    this.drain(true);
  }

  private drain(waitForReader: boolean): void {
    const waitUntil = Date.now() + FLUSH_SYNC_LIMIT_MS;
    while (this.queue.length > 0 && !this.readerGone) {
      const head = this.queue[0];
      try {
        const written = writeSync(this.fd, head);
        if (written < head.length) this.queue[0] = head.subarray(written);
        else this.queue.shift();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' && waitForReader && Date.now() < waitUntil) {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        } else if (code === 'EAGAIN' && !waitForReader) {
          this.retryLater();
          return;
        } else if (code === 'EPIPE') {
          // Nobody reads any more (stdout's reader exited): nothing written from now on can arrive.
          this.readerGone = true;
          this.queue.length = 0;
        } else {
          this.onError(error as NodeJS.ErrnoException);
          return;
        }
      }
    }
  }

  private retryLater(): void {
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.drain(false);
    }, RETRY_MS);
    this.retry.unref();
  }
}
