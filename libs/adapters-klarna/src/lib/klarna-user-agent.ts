import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = '@paytokens/adapters-klarna';
let cached: string | undefined;

/** This package's version, read from its package.json at run time (from src under test, from dist once built). */
export function packageVersion(): string {
  if (cached === undefined) cached = findPackageVersion(__dirname) ?? '0.0.0';
  return cached;
}

/** The User-Agent sent to Klarna: names paytokens, this adapter and its version, and the Node version. */
export function klarnaUserAgent(): string {
  return `paytokens/${packageVersion()} (${PACKAGE_NAME}; node ${process.version})`;
}

/**
 * The version in the nearest package.json named @paytokens/adapters-klarna above `start`. Walks up instead
 * of a fixed '../..' so that the same code works from src/lib, dist/lib or a bundle.
 */
export function findPackageVersion(start: string): string | undefined {
  let dir = start;
  for (let depth = 0; depth < 6; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
