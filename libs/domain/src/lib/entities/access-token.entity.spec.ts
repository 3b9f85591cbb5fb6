import { inspect } from 'node:util';
import { Secret } from '../value-objects/secret';
import { AccessToken } from './access-token.entity';

const VALUE = 'eyJhbGciOiJIUzI1NiJ9.access-token-value';
const T0 = Date.UTC(2026, 0, 1);

describe('AccessToken', () => {
  const token = AccessToken.issued(VALUE, 'Bearer', T0, 3600);

  it('issued() sets the expiry from a lifetime in seconds and wraps the value in a Secret', () => {
    expect(token.issuedAt).toBe(T0);
    expect(token.expiresAt).toBe(T0 + 3_600_000);
    expect(token.lifetimeMs).toBe(3_600_000);
    expect(token.tokenType).toBe('Bearer');
    expect(token.value).toBeInstanceOf(Secret);
    expect(token.value.reveal()).toBe(VALUE);
  });

  it('refuses a token that does not expire after it was issued', () => {
    expect(() => AccessToken.issued(VALUE, 'Bearer', T0, 0)).toThrow(RangeError);
    expect(() => new AccessToken({ value: VALUE, tokenType: 'Bearer', issuedAt: T0, expiresAt: T0 - 1 })).toThrow(RangeError);
  });

  it('isFreshAt counts the skew as already expired', () => {
    const skew = 60_000;
    expect(token.isFreshAt(T0, skew)).toBe(true);
    expect(token.isFreshAt(token.expiresAt - skew - 1, skew)).toBe(true);
    expect(token.isFreshAt(token.expiresAt - skew, skew)).toBe(false);
    expect(token.isFreshAt(token.expiresAt - 1, 0)).toBe(true);
    expect(token.isFreshAt(token.expiresAt, 0)).toBe(false);
  });

  it('expiresInSecondsAt gives whole seconds left, never negative', () => {
    expect(token.expiresInSecondsAt(T0)).toBe(3600);
    expect(token.expiresInSecondsAt(T0 + 1)).toBe(3599);
    expect(token.expiresInSecondsAt(token.expiresAt - 999)).toBe(0);
    expect(token.expiresInSecondsAt(token.expiresAt + 10_000)).toBe(0);
  });

  it('round-trips through toRecord and fromRecord', () => {
    const record = token.toRecord();
    expect(record).toEqual({ value: VALUE, tokenType: 'Bearer', issuedAt: T0, expiresAt: T0 + 3_600_000 });
    const back = AccessToken.fromRecord(JSON.parse(JSON.stringify(record)));
    expect(back?.toRecord()).toEqual(record);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'token'],
    ['a number', 42],
    ['an empty object', {}],
    ['no value', { tokenType: 'Bearer', issuedAt: T0, expiresAt: T0 + 1 }],
    ['an empty value', { value: '', tokenType: 'Bearer', issuedAt: T0, expiresAt: T0 + 1 }],
    ['a non-string value', { value: 1, tokenType: 'Bearer', issuedAt: T0, expiresAt: T0 + 1 }],
    ['no tokenType', { value: VALUE, issuedAt: T0, expiresAt: T0 + 1 }],
    ['a textual issuedAt', { value: VALUE, tokenType: 'Bearer', issuedAt: String(T0), expiresAt: T0 + 1 }],
    ['a NaN expiresAt', { value: VALUE, tokenType: 'Bearer', issuedAt: T0, expiresAt: Number.NaN }],
    ['an infinite expiresAt', { value: VALUE, tokenType: 'Bearer', issuedAt: T0, expiresAt: Number.POSITIVE_INFINITY }],
    ['expiresAt equal to issuedAt', { value: VALUE, tokenType: 'Bearer', issuedAt: T0, expiresAt: T0 }],
    ['expiresAt before issuedAt', { value: VALUE, tokenType: 'Bearer', issuedAt: T0, expiresAt: T0 - 1 }],
  ])('fromRecord refuses a record with %s', (_label, record) => {
    expect(AccessToken.fromRecord(record)).toBeUndefined();
  });

  it('hides the value from toJSON, JSON.stringify, util.inspect and String()', () => {
    expect(token.toJSON()).toEqual({ value: '[REDACTED]', tokenType: 'Bearer', issuedAt: T0, expiresAt: T0 + 3_600_000 });
    expect(JSON.stringify(token)).not.toContain(VALUE);
    expect(inspect(token, { depth: 10, showHidden: true })).not.toContain(VALUE);
    expect(`${token.value}`).not.toContain(VALUE);
  });
});
