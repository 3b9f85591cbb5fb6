import { inspect, format } from 'node:util';
import { Secret, maskedSuffix } from './secret';

const VALUE = 'sk_live_4f9c2e7a1b3d5f60';

describe('Secret', () => {
  const secret = new Secret(VALUE);

  it('prints as [REDACTED] through String(), template literals and concatenation', () => {
    expect(String(secret)).toBe('[REDACTED]');
    expect(`${secret}`).toBe('[REDACTED]');
    expect('token: ' + secret).toBe('token: [REDACTED]');
  });

  it('serialises as [REDACTED], also nested in other objects', () => {
    expect(JSON.stringify(secret)).toBe('"[REDACTED]"');
    expect(JSON.stringify({ config: { apiKey: secret } })).toBe('{"config":{"apiKey":"[REDACTED]"}}');
    expect(JSON.stringify({ ...secret })).toBe('{}');
  });

  it('shows no value through util.inspect and console-style formatting', () => {
    const outputs = [
      inspect(secret),
      inspect({ nested: { secret } }, { depth: 10, showHidden: true }),
      format('%s %o %O %j', secret, secret, secret, secret),
    ];
    for (const output of outputs) expect(output).not.toContain(VALUE);
    expect(inspect(secret)).toBe('Secret([REDACTED])');
  });

  it('gives the value only through reveal()', () => {
    expect(secret.reveal()).toBe(VALUE);
  });

  it('hints at the last four characters of long values only', () => {
    expect(secret.hint()).toBe('…5f60');
    expect(new Secret('short').hint()).toBe('…');
    expect(new Secret('12345678901').hint()).toBe('…');
    expect(maskedSuffix('123456789012')).toBe('…9012');
  });

  it('compares values without revealing them', () => {
    expect(secret.equals(new Secret(VALUE))).toBe(true);
    expect(secret.equals(new Secret(`${VALUE.slice(0, -1)}1`))).toBe(false);
    expect(secret.equals(new Secret(VALUE.slice(0, -1)))).toBe(false);
    expect(secret.equals(new Secret(`${VALUE}0`))).toBe(false);
    expect(new Secret('').equals(new Secret(''))).toBe(true);
    expect(new Secret('').equals(new Secret('a'))).toBe(false);
  });

  it('of() wraps a string and keeps a Secret as it is', () => {
    expect(Secret.of(VALUE).reveal()).toBe(VALUE);
    expect(Secret.of(secret)).toBe(secret);
    // A Secret from another installed copy of the package is not `instanceof` this one: it is read by its reveal().
    const otherCopy = { reveal: () => VALUE } as unknown as Secret;
    const adopted = Secret.of(otherCopy);
    expect(adopted).toBeInstanceOf(Secret);
    expect(adopted.reveal()).toBe(VALUE);
    expect(String(adopted)).toBe('[REDACTED]');
  });
});
