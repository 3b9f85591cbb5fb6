import { inspect } from 'node:util';
import { RedisCommandError, redisCall } from './redis-command.error';

describe('RedisCommandError', () => {
  it('keeps the reason and code but drops the command arguments ioredis attaches', async () => {
    const replyError = Object.assign(new Error("OOM command not allowed when used memory > 'maxmemory'."), {
      name: 'ReplyError',
      command: { name: 'set', args: ['token:k', '{"value":"secret-token-value"}', 'PX', '1000'] },
    });

    const error = await redisCall('access-token-cache.set', () => Promise.reject(replyError)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RedisCommandError);
    expect(error).toMatchObject({ operation: 'access-token-cache.set', redisCode: 'OOM' });
    expect((error as Error).message).toBe(
      "Redis access-token-cache.set failed: ReplyError: OOM command not allowed when used memory > 'maxmemory'.",
    );
    for (const text of [inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error), String(error)]) {
      expect(text).not.toContain('secret-token-value');
    }
  });

  it('takes a system error code as it is', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    expect(new RedisCommandError('ping', refused).redisCode).toBe('ECONNREFUSED');
  });

  it('passes results through untouched', async () => {
    await expect(redisCall('get', async () => 'value')).resolves.toBe('value');
  });
});
