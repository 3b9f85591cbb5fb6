import { ValidationError } from '@paytokens/domain';
import { ApiProblemException } from '../problem/api-problem.exception';
import { chooseAccount, parseAccountField, withoutAccountField } from './account-choice';

const fieldMessage = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    if (error instanceof ApiProblemException) return `${error.problem.status} ${error.problem.detail}`;
  }
  throw new Error('expected a refusal');
};

describe('parseAccountField', () => {
  it('takes a known name or nothing, and names the known accounts otherwise, never echoing the value', () => {
    expect(parseAccountField(undefined, ['eu', 'us'])).toBeUndefined();
    expect(parseAccountField('us', ['eu', 'us'])).toBe('us');
    for (const value of ['mx', 'EU', 7, null]) {
      expect(fieldMessage(() => parseAccountField(value, ['eu', 'us']))).toBe('account: must be one of the configured accounts: eu, us');
    }
  });
});

describe('chooseAccount', () => {
  const known = ['eu', 'us'];

  it('uses the named account, the only one, the only fitting one, or the only one the key may use', () => {
    expect(chooseAccount('Klarna', known, 'us', undefined)).toBe('us');
    expect(chooseAccount('Klarna', ['default'], undefined, undefined)).toBe('default');
    expect(chooseAccount('Klarna', known, undefined, undefined, { fitting: ['us'], reason: 'US' })).toBe('us');
    expect(chooseAccount('Zenki', known, undefined, new Set(['eu']))).toBe('eu');
  });

  it('says when no account or several fit, or none is named among several', () => {
    expect(
      fieldMessage(() => chooseAccount('Klarna', known, undefined, undefined, { fitting: [], reason: 'purchase country AU (region oc)' })),
    ).toBe('account: is required: no Klarna account serves purchase country AU (region oc); name one of eu, us');
    expect(
      fieldMessage(() =>
        chooseAccount('Klarna', known, undefined, undefined, { fitting: known, reason: 'purchase country DE (region eu)' }),
      ),
    ).toBe('account: is required: several Klarna accounts serve purchase country DE (region eu) (eu, us); name one of eu, us');
    expect(fieldMessage(() => chooseAccount('Zenki', known, undefined, undefined))).toBe(
      'account: is required when several Zenki accounts are configured: name one of eu, us',
    );
  });

  it('refuses with 403 an account the key may not use, whether named or routed to', () => {
    expect(fieldMessage(() => chooseAccount('Klarna', known, 'us', new Set(['eu'])))).toBe(
      '403 This API key may not use the Klarna account us; it may use: eu.',
    );
    expect(fieldMessage(() => chooseAccount('Klarna', known, undefined, new Set(['eu']), { fitting: ['us'], reason: 'US' }))).toMatch(
      /^403 /,
    );
  });
});

describe('withoutAccountField', () => {
  it('takes `account` out of a copy and leaves the body as it was', () => {
    const body = { purchaseCurrency: 'GBP', account: 'eu', orderLines: [] };
    const { account, rest } = withoutAccountField(body);
    expect(account).toBe('eu');
    expect(rest).toEqual({ purchaseCurrency: 'GBP', orderLines: [] });
    expect(body).toEqual({ purchaseCurrency: 'GBP', account: 'eu', orderLines: [] });
    expect(withoutAccountField({ a: 1 })).toEqual({ account: undefined, rest: { a: 1 } });
  });

  it('keeps an own __proto__ as a field (refused by the parsers as unknown), never as the prototype', () => {
    const { rest } = withoutAccountField(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
    expect(Object.getPrototypeOf(rest)).toBe(Object.prototype);
    expect(Object.keys(rest)).toEqual(['__proto__', 'a']);
    expect((rest as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
