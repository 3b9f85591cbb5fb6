import { klarnaBaseUrl } from './klarna-base-url';

describe('klarnaBaseUrl', () => {
  it.each([
    ['eu', 'production', 'https://api.klarna.com'],
    ['na', 'production', 'https://api-na.klarna.com'],
    ['oc', 'production', 'https://api-oc.klarna.com'],
    ['eu', 'playground', 'https://api.playground.klarna.com'],
    ['na', 'playground', 'https://api-na.playground.klarna.com'],
    ['oc', 'playground', 'https://api-oc.playground.klarna.com'],
  ] as const)('%s %s -> %s', (region, environment, url) => {
    expect(klarnaBaseUrl(region, environment)).toBe(url);
  });

  it('refuses an unknown region or environment', () => {
    expect(() => klarnaBaseUrl('us' as never, 'production')).toThrow(RangeError);
    expect(() => klarnaBaseUrl('eu', 'test' as never)).toThrow(RangeError);
  });
});
