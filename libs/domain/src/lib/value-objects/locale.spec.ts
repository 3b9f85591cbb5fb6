import { parseLocale } from './locale';

describe('parseLocale', () => {
  it.each([
    ['en-GB', 'en-GB'],
    ['EN-gb', 'en-GB'],
    ['sv-se', 'sv-SE'],
    ['De-At', 'de-AT'],
  ])('accepts %p in its canonical form %p', (input, expected) => {
    expect(parseLocale(input)).toBe(expected);
  });

  it.each([['en'], ['en_GB'], ['en-XX'], ['eng-GB'], ['en-GBR'], ['en-GB-x'], [''], ['e1-GB'], [12], [null], [undefined]])(
    'refuses %p',
    (input) => {
      expect(parseLocale(input)).toBeUndefined();
    },
  );
});
