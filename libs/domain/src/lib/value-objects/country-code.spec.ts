import { parseCountryCode } from './country-code';

describe('parseCountryCode', () => {
  it.each([
    ['GB', 'GB'],
    ['gb', 'GB'],
    ['Se', 'SE'],
    ['us', 'US'],
  ])('accepts %p as %p', (input, expected) => {
    expect(parseCountryCode(input)).toBe(expected);
  });

  it.each([['XX'], ['ZZ'], ['GBR'], ['G'], [''], [' GB'], ['G1'], ['12'], [44], [null], [undefined], [{}], [['GB']]])(
    'refuses %p',
    (input) => {
      expect(parseCountryCode(input)).toBeUndefined();
    },
  );
});
