import { PathMasker } from './path-masker';
import { requestIdOf } from './request-id';

describe('PathMasker', () => {
  const paths = new PathMasker();
  paths.learnRoute('/v1/klarna/customer-tokens/:tokenId');
  paths.learnRoute('/docs/swagger-ui.css');

  it("keeps the routes' literal segments and masks everything else to a short suffix, without the query", () => {
    expect(paths.mask('/v1/klarna/customer-tokens/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f?secret=1')).toBe('/v1/klarna/customer-tokens/…5e6f');
    expect(paths.mask('/v1/klarna/customer-tokens/short')).toBe('/v1/klarna/customer-tokens/…');
    expect(paths.mask('/docs/swagger-ui.css')).toBe('/docs/swagger-ui.css');
    expect(paths.mask('/v2/jane%40example.com/../etc')).toBe('/…/….com/…/…');
  });

  it('masks segment by segment whatever the slashes: as split, map and join would', () => {
    const bySplit = (url: string) =>
      url
        .split('?')[0]
        .split('/')
        .map((segment) => (segment === '' || ['v1', 'klarna', 'customer-tokens'].includes(segment) ? segment : '…'))
        .join('/');
    for (const url of ['', '/', '//', '/v1/', '/v1//klarna', 'v1/klarna', '/x/v1/?a=/b', '/v1/klarna/customer-tokens/abc/orders/']) {
      expect(paths.mask(url)).toBe(bySplit(url));
    }
  });

  it('caps very long paths', () => {
    expect(paths.mask(`/v1${'/klarna'.repeat(100)}`).length).toBeLessThanOrEqual(257);
  });
});

describe('requestIdOf', () => {
  it("keeps a caller's sane X-Request-Id and replaces anything else with a UUID", () => {
    expect(requestIdOf({ headers: { 'x-request-id': 'trace-1234:abc/def=' } })).toBe('trace-1234:abc/def=');
    for (const header of [undefined, '', 'x'.repeat(129), 'has space', 'quote"', 'new\nline', ['a', 'b']]) {
      expect(requestIdOf({ headers: { 'x-request-id': header as string } })).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });
});
