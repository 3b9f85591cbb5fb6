import { ValidationError } from '@paytokens/domain';
import { parseAccessTokenRequest } from './access-token-request';

describe('parseAccessTokenRequest', () => {
  it.each([
    [undefined, false],
    [{}, false],
    [{ forceRefresh: false }, false],
    [{ forceRefresh: true }, true],
  ])('reads %j', (body, forceRefresh) => {
    expect(parseAccessTokenRequest(body)).toEqual({ forceRefresh });
  });

  it.each([
    [null, 'body'],
    [[], 'body'],
    ['true', 'body'],
    [{ forceRefresh: 'true' }, 'forceRefresh'],
    [{ forceRefresh: 1 }, 'forceRefresh'],
    [{ forceRefresh: true, extra: 1 }, 'extra'],
  ])('refuses %j, naming %s', (body, field) => {
    let error: unknown;
    try {
      parseAccessTokenRequest(body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0].field).toBe(field);
  });

  it('lists every invalid field at once, each once', () => {
    expect(() => parseAccessTokenRequest({ extra: 1, forceRefresh: 'yes', other: null })).toThrow(
      expect.objectContaining({
        errors: [
          { field: 'extra', message: 'is not a known field' },
          { field: 'forceRefresh', message: 'must be a boolean' },
          { field: 'other', message: 'is not a known field' },
        ],
      }),
    );
  });
});
