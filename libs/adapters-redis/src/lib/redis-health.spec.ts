import { describeWithRedis, freePort, redisTestUrl, startSilentServer } from '@paytokens/testing';
import { connectForTest } from '../testing/test-connection';
import { createRedisConnection } from './redis-connection';
import { redisHealth } from './redis-health';

describeWithRedis('redisHealth (real Redis)', () => {
  it('reports up with the round-trip time when Redis answers', async () => {
    const connection = await connectForTest(redisTestUrl, 'paytokens-test:');
    try {
      const health = await redisHealth(connection);
      expect(health.status).toBe('up');
      expect(health.latencyMs).toEqual(expect.any(Number));
      expect(health.error).toBeUndefined();
    } finally {
      await connection.quit();
    }
  });
});

describe('redisHealth (no Redis)', () => {
  it('reports down with the reason when nothing listens, without throwing', async () => {
    const port = await freePort();
    // A short command timeout also shortens ioredis' wait for the dead socket on disconnect, so Jest exits at once.
    const connection = createRedisConnection({ url: `redis://127.0.0.1:${port}`, commandTimeoutMs: 200, onError: () => undefined });
    try {
      const health = await redisHealth(connection);
      expect(health).toEqual({ status: 'down', error: expect.stringContaining('Redis ping failed') });
    } finally {
      connection.disconnect();
    }
  });

  it('reports down within its timeout when the server accepts connections but never answers, without showing the password', async () => {
    const silent = await startSilentServer();
    const connection = createRedisConnection({
      url: silent.url.replace('redis://', 'redis://:pw-not-to-be-shown@'),
      onError: () => undefined,
    });
    try {
      const health = await redisHealth(connection, 300);
      expect(health.status).toBe('down');
      expect(JSON.stringify(health)).not.toContain('pw-not-to-be-shown');
    } finally {
      connection.disconnect();
      await silent.close();
    }
  });
});
