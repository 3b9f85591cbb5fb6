import { CompletedRecordArena } from './completed-record-arena';

const CHUNK = 256 * 1024;

describe('CompletedRecordArena', () => {
  it('gives back each record as it was added, any text included', () => {
    const arena = new CompletedRecordArena();
    const records = [
      { expiresAt: 1_764_412_345_678.5, fingerprint: 'f'.repeat(64), resultJson: '{"orderId":"o-1","fraudStatus":"ACCEPTED"}' },
      { expiresAt: 0, fingerprint: '', resultJson: '"é ✓ 😀 \\u0000"' },
      { expiresAt: Number.MAX_SAFE_INTEGER, fingerprint: 'fp-ü', resultJson: 'null' },
    ];
    const locations = records.map((record) => arena.add(record) as number);
    records.forEach((record, i) => {
      expect(arena.read(locations[i])).toEqual(record);
      expect(arena.expiresAt(locations[i])).toBe(record.expiresAt);
    });
  });

  it('refuses a record larger than a quarter of a chunk, or with a fingerprint UTF-8 cannot hold (the store keeps those itself)', () => {
    const arena = new CompletedRecordArena();
    expect(arena.add({ expiresAt: 1, fingerprint: 'fp', resultJson: `"${'x'.repeat(CHUNK / 4)}"` })).toBeUndefined();
    expect(arena.add({ expiresAt: 1, fingerprint: 'fp-\ud800', resultJson: '1' })).toBeUndefined();
    expect(arena.bytes).toBe(0);
  });

  it('fills chunk after chunk, and frees a chunk once none of its records is held', () => {
    const arena = new CompletedRecordArena();
    const resultJson = `"${'r'.repeat(1000)}"`;
    const locations = Array.from({ length: 600 }, (_, i) => arena.add({ expiresAt: i, fingerprint: `fp-${i}`, resultJson }) as number);
    expect(arena.bytes).toBe(3 * CHUNK);
    // Every record of the first chunk released: that chunk goes, the others stay readable.
    const firstChunk = locations.filter((location) => location < CHUNK);
    firstChunk.forEach((location) => arena.release(location));
    expect(arena.bytes).toBe(2 * CHUNK);
    const later = locations[firstChunk.length];
    expect(arena.read(later)).toEqual({ expiresAt: firstChunk.length, fingerprint: `fp-${firstChunk.length}`, resultJson });
    // Its slot is reused by the next chunk opened.
    for (let i = 0; i < 300; i++) arena.add({ expiresAt: i, fingerprint: 'again', resultJson });
    expect(arena.bytes).toBe(3 * CHUNK);
  });

  it('reuses the chunk being filled from its start once all its records are released', () => {
    const arena = new CompletedRecordArena();
    const first = arena.add({ expiresAt: 1, fingerprint: 'a', resultJson: '1' }) as number;
    arena.release(first);
    const second = arena.add({ expiresAt: 2, fingerprint: 'b', resultJson: '2' }) as number;
    expect(second).toBe(first);
    expect(arena.read(second)).toEqual({ expiresAt: 2, fingerprint: 'b', resultJson: '2' });
    expect(arena.bytes).toBe(CHUNK);
  });
});
