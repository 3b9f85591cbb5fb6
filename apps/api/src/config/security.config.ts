import { registerAs } from '@nestjs/config';
import { readValidated, type EnvironmentReader } from './environment';

/** Name of the `security` config namespace. */
export const SECURITY_NAMESPACE = 'security';

/** Default sustained rate per API key. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
const MAX_RATE = 1_000_000_000;

/** The `security` config namespace: the per-key rate limit. */
export interface SecurityConfig {
  /** Requests per minute per API key (per client address without a valid key); 0 switches the limit off. */
  rateLimitPerMinute: number;
  /** Requests a caller may send at once before the per-minute rate applies. */
  rateLimitBurst: number;
}

/** Reads the `security` namespace; problems are collected on the reader. */
export function readSecurityConfig(env: EnvironmentReader): SecurityConfig {
  const rateLimitPerMinute = env.integer('RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT_PER_MINUTE, 0, MAX_RATE);
  // Ten seconds' worth of the rate by default: 100 with the default 600 a minute.
  const rateLimitBurst = env.integer('RATE_LIMIT_BURST', Math.max(1, Math.ceil(rateLimitPerMinute / 6)), 1, MAX_RATE);
  return { rateLimitPerMinute, rateLimitBurst };
}

/** The `security` namespace. Its KEY injects the SecurityConfig AppModule was given; on its own it reads process.env. */
export const securityConfig = registerAs(SECURITY_NAMESPACE, (): SecurityConfig => readValidated(process.env, readSecurityConfig));
