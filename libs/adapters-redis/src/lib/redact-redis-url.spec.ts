import { redactRedisUrl } from './redact-redis-url';

describe('redactRedisUrl', () => {
  it.each([
    ['redis://user:s3cr3t-pass@redis.internal:6379/0', 'redis://user:***@redis.internal:6379/0'],
    ['redis://:s3cr3t-pass@127.0.0.1:6379', 'redis://:***@127.0.0.1:6379'],
    ['rediss://default:s3cr3t-pass@cache.example.com:6380', 'rediss://default:***@cache.example.com:6380'],
    ['redis://127.0.0.1:6379?password=s3cr3t-pass&db=2', 'redis://127.0.0.1:6379?password=***&db=2'],
  ])('masks the password in %s', (url, expected) => {
    const redacted = redactRedisUrl(url);
    expect(redacted).toBe(expected);
    expect(redacted).not.toContain('s3cr3t-pass');
  });

  it('keeps a URL without a password as it is', () => {
    expect(redactRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactRedisUrl('redis://user@127.0.0.1:6379')).toBe('redis://user@127.0.0.1:6379');
  });

  it('gives a placeholder for something that is not a URL, since it may still hold the password', () => {
    expect(redactRedisUrl('s3cr3t-pass@not a url')).toBe('[unparseable Redis URL]');
  });
});
