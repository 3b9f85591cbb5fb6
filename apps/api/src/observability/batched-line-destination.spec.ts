import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchedLineDestination, type ChunkWriter } from './batched-line-destination';
import { FdChunkWriter } from './fd-chunk-writer';

/** A writer that records the chunks it is handed. */
class RecordingWriter implements ChunkWriter {
  readonly chunks: string[] = [];
  flushes = 0;
  write(chunk: Buffer): boolean {
    this.chunks.push(chunk.toString('utf8'));
    return true;
  }
  flushSync(): void {
    this.flushes += 1;
  }
}

/** The real thing: writing to a file as the app writes to stdout. */
function fileWriter(folder: string) {
  const file = join(folder, 'out.log');
  const fd = openSync(file, 'w');
  const writer = new FdChunkWriter(fd, (error) => {
    throw error;
  });
  return { writer, read: () => readFileSync(file, 'utf8'), close: () => closeSync(fd) };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const line = (i: number, text = '') => `{"level":"info","n":${i},"msg":"request completed${text}"}\n`;

describe('BatchedLineDestination', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'batched-lines-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes every line, in order, byte for byte (non-ASCII and large lines included), once flushSync returns', async () => {
    const out = fileWriter(folder);
    const destination = new BatchedLineDestination(out.writer);
    const texts = ['', ' …5e6f', ' é ü ß', ' 💳 ✓', ' "quoted" \\ back'];
    const written: string[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const next = i % 997 === 0 ? line(i, 'x'.repeat(100_000)) : line(i, texts[i % texts.length]);
      written.push(next);
      destination.write(next);
      if (i % 50 === 0) await turn(); // asynchronous writes complete in between, as in a server
    }
    destination.flushSync();
    expect(out.read()).toBe(written.join(''));
    out.close();
  });

  it('hands over whole lines in batches of about batchChars, never a line split', () => {
    const writer = new RecordingWriter();
    const destination = new BatchedLineDestination(writer, { batchChars: 2048 });
    const lines = Array.from({ length: 1000 }, (_, i) => line(i, ' …'.repeat(i % 40)));
    for (const each of lines) destination.write(each);
    destination.flushSync();
    expect(writer.chunks.join('')).toBe(lines.join(''));
    for (const chunk of writer.chunks) expect(chunk.endsWith('\n')).toBe(true);
    // Every batch but the last is at least batchChars, and under it by less than one line before it was handed over.
    for (const chunk of writer.chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(2048);
    for (const chunk of writer.chunks) expect(chunk.length).toBeLessThan(2048 + 200);
    expect(writer.flushes).toBe(1);
  });

  it('holds lines below batchChars until the periodic flush (at least once a second)', () => {
    jest.useFakeTimers();
    try {
      const writer = new RecordingWriter();
      const destination = new BatchedLineDestination(writer);
      destination.write(line(1));
      expect(writer.chunks).toEqual([]);
      jest.advanceTimersByTime(999);
      expect(writer.chunks).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(writer.chunks).toEqual([line(1)]);
      jest.advanceTimersByTime(5000); // nothing pending: nothing handed over
      expect(writer.chunks).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
