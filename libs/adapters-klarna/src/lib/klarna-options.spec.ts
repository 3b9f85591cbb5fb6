import { inspect } from 'node:util';
import { Secret } from '@paytokens/domain';
import { InvalidKlarnaOptionsError, resolveKlarnaOptions } from './klarna-options';

const PASSWORD = 'Pa55-word-never-shown';

describe('resolveKlarnaOptions', () => {
  it('applies the defaults: EU playground, 10 s, 16 connections', () => {
    expect(resolveKlarnaOptions({ username: 'PK_1', password: PASSWORD })).toMatchObject({
      username: 'PK_1',
      baseUrl: 'https://api.playground.klarna.com',
      timeoutMs: 10_000,
      connections: 16,
    });
  });

  it('lets an explicit base URL override region and environment, without a trailing slash', () => {
    const config = resolveKlarnaOptions({
      username: 'PK_1',
      password: PASSWORD,
      region: 'na',
      environment: 'production',
      baseUrl: 'http://127.0.0.1:8080/klarna/',
    });
    expect(config.baseUrl).toBe('http://127.0.0.1:8080/klarna');
  });

  it('takes the password as a Secret too', () => {
    expect(resolveKlarnaOptions({ username: 'PK_1', password: new Secret(PASSWORD) }).password.reveal()).toBe(PASSWORD);
  });

  it('never shows the password in its string, JSON or inspect forms', () => {
    const config = resolveKlarnaOptions({ username: 'PK_1', password: PASSWORD });
    for (const text of [String(config), JSON.stringify(config), inspect(config, { depth: 10, showHidden: true }), `${config.password}`]) {
      expect(text).not.toContain(PASSWORD);
    }
    expect(JSON.parse(JSON.stringify(config)).password).toBe('[REDACTED]');
  });

  it('lists every problem at once, naming fields only', () => {
    const error = (() => {
      try {
        resolveKlarnaOptions({
          username: '',
          password: '',
          region: 'xx' as never,
          environment: 'yy' as never,
          baseUrl: 'mailto:x',
          timeoutMs: -1,
          connections: 1.5,
        });
      } catch (e) {
        return e as InvalidKlarnaOptionsError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidKlarnaOptionsError);
    expect(error!.fields).toEqual(['username', 'password', 'region', 'environment', 'baseUrl', 'timeoutMs', 'connections']);
    expect(error!.message).not.toMatch(/xx|yy|mailto/);
  });

  it('refuses a base URL that carries credentials without echoing them', () => {
    expect(() =>
      resolveKlarnaOptions({ username: 'PK_1', password: PASSWORD, baseUrl: `https://PK_1:${PASSWORD}@api.klarna.com` }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining(PASSWORD) }));
  });

  it('refuses a missing options object', () => {
    expect(() => resolveKlarnaOptions(undefined as never)).toThrow(/username is required; password is required/);
  });
});

describe('resolveKlarnaOptions: module options', () => {
  it('names the account `default` unless told, and checks the store and listeners with the rest', () => {
    expect(resolveKlarnaOptions({ username: 'PK_1', password: PASSWORD }).account).toBe('default');
    expect(resolveKlarnaOptions({ account: 'eu', username: 'PK_1', password: PASSWORD }).account).toBe('eu');
    expect(() =>
      resolveKlarnaOptions({
        account: 'E U',
        username: 'PK_1',
        password: PASSWORD,
        idempotencyStore: {} as never,
        onIdempotencyStoreError: 'log' as never,
      }),
    ).toThrow(/account must be .*; idempotencyStore must implement begin, complete, release; onIdempotencyStoreError must be a function/);
  });
});
