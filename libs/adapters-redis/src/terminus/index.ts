// @paytokens/adapters-redis/terminus: the @nestjs/terminus health indicator (terminus is an optional peer dependency).

/** Terminus health indicator of the Redis stores. */
export { PaytokensRedisHealthIndicator } from './paytokens-redis.health-indicator';
