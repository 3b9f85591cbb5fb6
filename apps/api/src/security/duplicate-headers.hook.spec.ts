import { repeatedSingleHeader } from './duplicate-headers.hook';

describe('repeatedSingleHeader', () => {
  it('finds Authorization or Idempotency-Key sent twice, whatever their case', () => {
    expect(repeatedSingleHeader(['Host', 'x', 'Authorization', 'Bearer a', 'authorization', 'Bearer b'])).toBe('authorization');
    expect(repeatedSingleHeader(['Idempotency-Key', 'a', 'Content-Type', 'x', 'IDEMPOTENCY-KEY', 'b'])).toBe('idempotency-key');
  });

  it('lets each of them once, and other repeated headers, through', () => {
    expect(
      repeatedSingleHeader(['Authorization', 'Bearer a', 'Idempotency-Key', 'k', 'Accept', 'a', 'Accept', 'b', 'X-Authorization', 'c']),
    ).toBeUndefined();
    expect(repeatedSingleHeader([])).toBeUndefined();
  });
});
