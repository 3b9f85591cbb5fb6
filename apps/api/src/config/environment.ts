import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { Secret } from '@paytokens/domain';
import { ConfigurationError } from './configuration.error';

/** The variables the app is configured from (process.env, or a test's own record). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** process.env over the variables of an optional dotenv file: a variable set in the environment always wins. */
export function readEnvironment(envFile?: string, env: Environment = process.env): Environment {
  if (!envFile) return env;
  let text: string;
  try {
    text = readFileSync(envFile, 'utf8');
  } catch {
    return env;
  }
  return { ...parseEnv(text), ...env };
}

/**
 * Reads variables and collects what is wrong with them, so that start-up reports every problem at once.
 * Messages name variables and quote only values that are not secret.
 */
export class EnvironmentReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Environment) {}

  /** The trimmed value, or undefined when unset or blank. */
  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  /** A value that must never be printed, wrapped at once; no problem message ever quotes it. */
  secret(name: string): Secret | undefined {
    const value = this.env[name]?.trim();
    return value ? new Secret(value) : undefined;
  }

  /** A comma-separated list of secrets (`new,old` while rotating), each wrapped at once; undefined when unset or blank. */
  secrets(name: string): Secret[] | undefined {
    const values = (this.env[name] ?? '')
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
    return values.length > 0 ? values.map((value) => new Secret(value)) : undefined;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.string(name);
    if (value === undefined) return fallback;
    const lower = value.toLowerCase() as T;
    if (allowed.includes(lower)) return lower;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got ${quote(value)})`);
    return fallback;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.string(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got ${quote(value)})`);
    return fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.string(name);
    if (value === undefined) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed;
    this.problems.push(`${name} must be a whole number from ${min} to ${max} (got ${quote(value)})`);
    return fallback;
  }

  /**
   * An absolute http(s) URL without credentials, normalised without a trailing slash. The value is not
   * quoted back: a URL may carry a password.
   */
  url(name: string, options: { requireHttps: boolean }): string | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.problems.push(`${name} must be an absolute http(s) URL such as https://api.example.com`);
      return undefined;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      this.problems.push(`${name} must use https (or http for a local test server)`);
      return undefined;
    }
    if (url.username || url.password) {
      this.problems.push(`${name} must not contain credentials: use the provider's credential variables`);
      return undefined;
    }
    if (url.search || url.hash) {
      this.problems.push(`${name} must not contain a query or fragment`);
      return undefined;
    }
    if (options.requireHttps && url.protocol !== 'https:' && !isLoopback(url.hostname)) {
      this.problems.push(`${name} must use https in production`);
      return undefined;
    }
    return url.href.replace(/\/+$/, '');
  }
}

function quote(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Runs one namespace reader over `env` and throws a ConfigurationError listing its problems, if any. */
export function readValidated<T>(env: Environment, read: (reader: EnvironmentReader) => T): T {
  const reader = new EnvironmentReader(env);
  const value = read(reader);
  if (reader.problems.length > 0) throw new ConfigurationError(reader.problems);
  return value;
}
