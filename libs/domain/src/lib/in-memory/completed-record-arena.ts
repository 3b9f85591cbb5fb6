/** A completed idempotency record as the arena holds it: expiry, fingerprint and the result's JSON text. */
export interface CompletedRecord {
  expiresAt: number;
  fingerprint: string;
  /** The result's JSON text. */
  resultJson: string;
}

/** Bytes per chunk. */
const CHUNK_BYTES = 256 * 1024;
/** A larger record is not stored here (the store keeps it as an object). */
const MAX_RECORD_BYTES = CHUNK_BYTES / 4;
/** expiresAt (float64), fingerprint length (uint16), result length (uint32). */
const HEADER_BYTES = 14;
const MAX_FINGERPRINT_BYTES = 0xffff;
/** Any surrogate: a string without one survives UTF-8 unchanged (a lone one does not; a fingerprint with one is not stored here). */
export const SURROGATE = /[\ud800-\udfff]/;

/**
 * Completed idempotency records outside the V8 heap: each one packed into a chunk of a few large buffers, found
 * again by a number (chunk and offset). On the heap a record was some 0.6 KB of small objects and strings (key,
 * fingerprint, record, the result's objects), and V8 lets the old generation grow to a few times what is live before
 * a full GC: held here, a record's bytes count once. Chunks are filled in time order, so their records expire
 * together; a chunk is freed once none of its records is held.
 */
export class CompletedRecordArena {
  private readonly chunks: (Buffer | undefined)[] = [];
  /** Records still held per chunk. */
  private readonly heldInChunk: number[] = [];
  private readonly freeSlots: number[] = [];
  private current = -1;
  private used = CHUNK_BYTES;

  /** Where `record` now is, or undefined when it is too large for a chunk or its fingerprint not UTF-8 safe (the caller keeps it itself). */
  add(record: CompletedRecord): number | undefined {
    if (SURROGATE.test(record.fingerprint)) return undefined;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: room for that is made, and exact sizes are measured only when
    // that bound is too large to use.
    let size = HEADER_BYTES + 3 * (record.fingerprint.length + record.resultJson.length);
    if (size > MAX_RECORD_BYTES || record.fingerprint.length > MAX_FINGERPRINT_BYTES) {
      size = HEADER_BYTES + Buffer.byteLength(record.fingerprint, 'utf8') + Buffer.byteLength(record.resultJson, 'utf8');
      if (size > MAX_RECORD_BYTES || Buffer.byteLength(record.fingerprint, 'utf8') > MAX_FINGERPRINT_BYTES) return undefined;
    }
    if (this.used + size > CHUNK_BYTES) this.openChunk();
    const chunk = this.chunks[this.current] as Buffer;
    const offset = this.used;
    const fingerprintBytes = chunk.write(record.fingerprint, offset + HEADER_BYTES, 'utf8');
    const resultBytes = chunk.write(record.resultJson, offset + HEADER_BYTES + fingerprintBytes, 'utf8');
    chunk.writeDoubleLE(record.expiresAt, offset);
    chunk.writeUInt16LE(fingerprintBytes, offset + 8);
    chunk.writeUInt32LE(resultBytes, offset + 10);
    this.used += HEADER_BYTES + fingerprintBytes + resultBytes;
    this.heldInChunk[this.current]++;
    return this.current * CHUNK_BYTES + offset;
  }

  /** When the record at `location` expires. */
  expiresAt(location: number): number {
    const { chunk, offset } = this.find(location);
    return chunk.readDoubleLE(offset);
  }

  /** The whole record at `location`. */
  read(location: number): CompletedRecord {
    const { chunk, offset } = this.find(location);
    const fingerprintBytes = chunk.readUInt16LE(offset + 8);
    const resultBytes = chunk.readUInt32LE(offset + 10);
    const fingerprintStart = offset + HEADER_BYTES;
    const resultStart = fingerprintStart + fingerprintBytes;
    return {
      expiresAt: chunk.readDoubleLE(offset),
      fingerprint: chunk.toString('utf8', fingerprintStart, resultStart),
      resultJson: chunk.toString('utf8', resultStart, resultStart + resultBytes),
    };
  }

  /** The record at `location` is no longer held (each location is released once); frees its chunk once empty. */
  release(location: number): void {
    const slot = Math.floor(location / CHUNK_BYTES);
    if (--this.heldInChunk[slot] > 0) return;
    if (slot === this.current) {
      // The chunk being filled is reused from its start rather than freed.
      this.used = 0;
      return;
    }
    this.chunks[slot] = undefined;
    this.freeSlots.push(slot);
  }

  /** Bytes of buffers held (outside the V8 heap). */
  get bytes(): number {
    return (this.chunks.length - this.freeSlots.length) * CHUNK_BYTES;
  }

  private openChunk(): void {
    const slot = this.freeSlots.pop() ?? this.chunks.length;
    // Not from Buffer's shared pool: a chunk is freed on its own.
    this.chunks[slot] = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.heldInChunk[slot] = 0;
    this.current = slot;
    this.used = 0;
  }

  private find(location: number): { chunk: Buffer; offset: number } {
    const slot = Math.floor(location / CHUNK_BYTES);
    return { chunk: this.chunks[slot] as Buffer, offset: location - slot * CHUNK_BYTES };
  }
}
