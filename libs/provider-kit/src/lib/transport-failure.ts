import type { Readable } from 'node:stream';

/** What went wrong below HTTP. */
export type TransportFailureKind = 'timeout' | 'connection-reset' | 'connection-refused' | 'closed' | 'network';

/** A call that got no complete HTTP answer. Carries an error code only: never a URL, header or body. */
export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    /** The system or undici error code, e.g. `ECONNRESET`, `UND_ERR_SOCKET`. */
    readonly errorCode: string | undefined,
    /** True when not a byte of the answer had been parsed (the response head had not arrived). */
    readonly beforeResponse: boolean,
  ) {
    super(`Transport failure: ${kind}${errorCode ? ` (${errorCode})` : ''}`);
    this.name = 'TransportFailure';
  }
}

const KIND_BY_CODE: ReadonlyMap<string, TransportFailureKind> = new Map([
  ...['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT'].map((c) => [c, 'timeout'] as const),
  ...['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].map((c) => [c, 'connection-reset'] as const),
  ...['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].map((c) => [c, 'connection-refused'] as const),
  ...['UND_ERR_CLOSED', 'UND_ERR_DESTROYED'].map((c) => [c, 'closed'] as const),
]);

/** The kind of a transport error from its code; `aborted` (our own deadline fired) always means a timeout. */
export function classifyTransportError(error: unknown, aborted: boolean, beforeResponse: boolean): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const code = transportErrorCode(error);
  const kind = aborted ? 'timeout' : ((code !== undefined ? KIND_BY_CODE.get(code) : undefined) ?? 'network');
  return new TransportFailure(kind, code, beforeResponse);
}

/** The code of an error, also of the first error inside an AggregateError (happy-eyeballs connects). */
export function transportErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown }).errors;
  return Array.isArray(inner) && inner.length > 0 ? transportErrorCode(inner[0]) : undefined;
}

/** Reads a response body up to `maxBytes`; beyond that it destroys the body and throws a `network` failure. */
export function readLimitedText(body: Readable, maxBytes: number): Promise<string> {
  // Events, not `for await`: the async iterator adds a promise per chunk and an end-of-stream watcher per body, which
  // showed in the charge's allocations and CPU (tools/bench/FINDINGS.md, eighth pass).
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      body.destroy();
      reject(new TransportFailure('network', 'RESPONSE_TOO_LARGE', false));
    });
    body.once('end', () => {
      ended = true;
      resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
    });
    body.once('error', reject);
    // Closed with neither its end nor an error (destroyed elsewhere): what `for await` called a premature close.
    body.once('close', () => {
      if (!ended) reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    });
  });
}
