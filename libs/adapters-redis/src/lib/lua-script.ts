import { createHash } from 'node:crypto';
import type { RedisConnection } from './redis-connection';

/**
 * A Lua script run with EVALSHA (EVAL once when the server does not know it yet). Every script here
 * touches exactly one key, so it runs unchanged on Redis Cluster, where a script's keys must share a slot.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(connection: RedisConnection, key: string, ...args: (string | number)[]): Promise<unknown> {
    try {
      return await connection.evalsha(this.sha, 1, key, ...args);
    } catch (error) {
      // The script cache is per server and empties on restart or failover: load it and go on.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return connection.eval(this.lua, 1, key, ...args);
    }
  }

  /**
   * EVAL with the script's text, never EVALSHA: for a write that must run even when the server's script cache
   * is cold and there is no second round trip to load it (a release sent behind a timed-out command).
   */
  async runInline(connection: RedisConnection, key: string, ...args: (string | number)[]): Promise<unknown> {
    return connection.eval(this.lua, 1, key, ...args);
  }
}

/** Deletes KEYS[1] only while it holds exactly ARGV[1]. Returns 1 when deleted. */
export const DELETE_IF_EQUALS = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

/**
 * Stores ARGV[1] under KEYS[1] for ARGV[2] ms unless the key exists. Returns nil when it stored,
 * otherwise the value already there: one round trip, and nothing can slip in between.
 */
export const SET_IF_ABSENT_OR_GET = new LuaScript(`
local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`);
