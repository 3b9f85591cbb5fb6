import fc from 'fast-check';
import { canonicalJson, referenceCanonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });

  it('writes what JSON.stringify writes: undefined properties left out, in arrays null, non-finite numbers null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, NaN, -0, 1e21], c: 'é"\n\ud800' })).toBe(
      '{"b":[null,null,0,1e+21],"c":"é\\"\\n\\ud800"}',
    );
  });

  it('takes class instances by their own fields, and hands toJSON, functions and integer-like keys to the reference', () => {
    class Charge {
      constructor(
        readonly amount: number,
        readonly note?: string,
      ) {}
    }
    expect(canonicalJson(new Charge(5))).toBe('{"amount":5}');
    expect(canonicalJson({ b: 1, '10': 2, '9': 3, a: 4 })).toBe(referenceCanonicalJson({ b: 1, '10': 2, '9': 3, a: 4 }));
    expect(canonicalJson({ at: new Date(0), f: () => 1 })).toBe(referenceCanonicalJson({ at: new Date(0), f: () => 1 }));
  });

  // Stored idempotency records hold a hash of this text: any difference would refuse a genuine retry.
  it('gives the reference text for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.anything(), (json, anything) => {
        expect(canonicalJson(json)).toBe(referenceCanonicalJson(json));
        expect(canonicalJson(anything)).toBe(referenceCanonicalJson(anything));
      }),
      { numRuns: 3000 },
    );
  });

  it('escapes every UTF-16 code unit as JSON.stringify does, in keys and values', () => {
    const anyCodeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });
    fc.assert(
      fc.property(anyCodeUnits, anyCodeUnits, (key, text) => {
        expect(canonicalJson({ [`k${key}`]: text, a: [text] })).toBe(referenceCanonicalJson({ [`k${key}`]: text, a: [text] }));
      }),
      { numRuns: 3000 },
    );
  });
});
