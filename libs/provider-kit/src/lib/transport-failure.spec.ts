import { Readable } from 'node:stream';
import { classifyTransportError, readLimitedText, TransportFailure } from './transport-failure';

const coded = (code: string) => Object.assign(new Error('boom'), { code });

describe('transport failures', () => {
  it.each([
    ['ECONNRESET', 'connection-reset'],
    ['UND_ERR_SOCKET', 'connection-reset'],
    ['ECONNREFUSED', 'connection-refused'],
    ['ENOTFOUND', 'connection-refused'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_CLOSED', 'closed'],
    ['EWHATEVER', 'network'],
  ])('%s is %s', (code, kind) => {
    expect(classifyTransportError(coded(code), false, true)).toMatchObject({ kind, errorCode: code, beforeResponse: true });
  });

  it('our own deadline is a timeout whatever the code, and the first code inside an AggregateError counts', () => {
    expect(classifyTransportError(coded('ECONNRESET'), true, false).kind).toBe('timeout');
    expect(classifyTransportError(new AggregateError([coded('ECONNREFUSED')]), false, true).kind).toBe('connection-refused');
  });

  it('keeps a TransportFailure as it is', () => {
    const failure = new TransportFailure('closed', undefined, true);
    expect(classifyTransportError(failure, true, false)).toBe(failure);
  });

  it('reads a body up to the limit and refuses a larger one', async () => {
    await expect(readLimitedText(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 4)).resolves.toBe('abcd');
    await expect(readLimitedText(Readable.from([Buffer.from('abc'), Buffer.from('de')]), 4)).rejects.toMatchObject({
      kind: 'network',
      errorCode: 'RESPONSE_TOO_LARGE',
    });
  });

  it('joins a character split between chunks, and destroys a body over the limit', async () => {
    const euro = Buffer.from('€', 'utf8');
    await expect(readLimitedText(Readable.from([euro.subarray(0, 1), euro.subarray(1)]), 3)).resolves.toBe('€');
    const large = Readable.from([Buffer.from('abc'), Buffer.from('de'), Buffer.from('f')]);
    await expect(readLimitedText(large, 4)).rejects.toBeInstanceOf(TransportFailure);
    expect(large.destroyed).toBe(true);
  });

  it('rejects with the body’s error, and when the body closes before its end', async () => {
    const failing = new Readable({ read: () => undefined });
    const reading = readLimitedText(failing, 10);
    failing.push(Buffer.from('ab'));
    failing.destroy(Object.assign(new Error('socket hang up'), { code: 'UND_ERR_SOCKET' }));
    await expect(reading).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    const cut = new Readable({ read: () => undefined });
    const cutReading = readLimitedText(cut, 10);
    cut.push(Buffer.from('ab'));
    cut.destroy();
    await expect(cutReading).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    expect(classifyTransportError(await cutReading.catch((error: unknown) => error), false, false)).toMatchObject({ kind: 'network' });
  });
});
