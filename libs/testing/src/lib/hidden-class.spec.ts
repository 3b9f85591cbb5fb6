import { hiddenClassesOtherThanFirst, sameHiddenClass } from './hidden-class';

describe('sameHiddenClass', () => {
  it('tells one shape built twice from another shape', () => {
    expect(sameHiddenClass({ a: 1, b: 'x' }, { a: 2, b: 'y' })).toBe(true);
    expect(sameHiddenClass({ a: 1, b: 'x' }, { b: 'y', a: 2 })).toBe(false);
  });

  // The V8 behaviour the production code avoids (Node 20): a spread followed by another property.
  it('sees a spread followed by a property give every result its own hidden class, and Object.assign not', () => {
    const source = (i: number) => ({ 'Klarna-Idempotency-Key': `key-${i}` });
    const spread = Array.from({ length: 20 }, (_, i) => ({ ...source(i), accept: 'application/json' }));
    const assigned = Array.from({ length: 20 }, (_, i) => Object.assign({}, source(i), { accept: 'application/json' }));
    expect(hiddenClassesOtherThanFirst(spread)).toBeGreaterThan(0);
    expect(hiddenClassesOtherThanFirst(assigned)).toBe(0);
  });
});
