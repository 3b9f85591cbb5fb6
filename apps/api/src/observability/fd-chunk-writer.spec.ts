import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { FdChunkWriter } from './fd-chunk-writer';

/** A child process reading its stdin through a pipe (non-blocking on this side, as Node opens it), `readerScript` at its end. */
function pipeTo(readerScript: string): { child: ChildProcess; fd: number; output: () => string } {
  const child = spawn(process.execPath, ['-e', readerScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const fd = (child.stdin as unknown as { _handle: { fd: number } })._handle.fd;
  return { child, fd, output: () => output };
}

// Reads slowly (a pause after every read, so the pipe fills and writes meet EAGAIN), then answers with the bytes'
// count and their SHA-256.
const SLOW_READER = `
const hash = require('node:crypto').createHash('sha256');
let bytes = 0;
process.stdin.on('data', (chunk) => {
  bytes += chunk.length;
  hash.update(chunk);
  process.stdin.pause();
  setTimeout(() => process.stdin.resume(), 2);
});
process.stdin.on('end', () => process.stdout.write(bytes + ' ' + hash.digest('hex')));
`;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('FdChunkWriter', () => {
  it.each([
    ['flushSync waits for the reader', true],
    ['a timer writes the rest', false],
  ])(
    'keeps order and loses nothing when the pipe is full (EAGAIN): %s',
    async (_, flushAtEnd) => {
      const reader = pipeTo(SLOW_READER);
      const errors: unknown[] = [];
      const writer = new FdChunkWriter(reader.fd, (error) => errors.push(error));
      // 40 chunks (about 90 KB) at a time: more than a pipe holds (64 KiB).
      const chunks = Array.from({ length: 400 }, (_, i) => Buffer.from(`${i} ${'é…💳'.repeat(i % 50)} ${'x'.repeat(2000)}\n`));
      for (const [i, chunk] of chunks.entries()) {
        writer.write(chunk);
        if (i % 40 === 39) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (flushAtEnd) writer.flushSync();
      else await new Promise((resolve) => setTimeout(resolve, 2000));
      reader.child.stdin?.end();
      await once(reader.child, 'exit');
      const all = Buffer.concat(chunks);
      expect(reader.output()).toBe(`${all.length} ${sha256(all)}`);
      expect(errors).toEqual([]);
    },
    30_000,
  );

  it('stops writing, without an error, once the reader has gone (EPIPE)', async () => {
    // The reader closes its end and stays alive (on exit Node would close our end too: EBADF, not EPIPE).
    const reader = pipeTo(`require('node:fs').closeSync(0); process.stdout.write('closed'); setTimeout(() => {}, 10000);`);
    await once(reader.child.stdout as NodeJS.ReadableStream, 'data');
    const errors: unknown[] = [];
    const writer = new FdChunkWriter(reader.fd, (error) => errors.push(error));
    expect(() => {
      writer.write(Buffer.from('line\n'));
      writer.write(Buffer.from('line\n'));
      writer.flushSync();
    }).not.toThrow();
    expect(errors).toEqual([]);
    reader.child.kill();
    await once(reader.child, 'exit');
  });

  it('reports any other write error without throwing, keeps the chunks and tries them again with the next write', () => {
    const errors: string[] = [];
    const writer = new FdChunkWriter(1 << 20, (error) => errors.push(error.code ?? '')); // not an open descriptor
    expect(() => writer.write(Buffer.from('line 1\n'))).not.toThrow();
    writer.write(Buffer.from('line 2\n'));
    writer.flushSync();
    expect(errors).toEqual(['EBADF', 'EBADF', 'EBADF']);
  });
});
