import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageVersion, klarnaUserAgent, packageVersion } from './klarna-user-agent';

const projectRoot = join(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

describe('klarnaUserAgent', () => {
  it('names paytokens, this package and the version in its package.json', () => {
    expect(packageVersion()).toBe(version);
    expect(klarnaUserAgent()).toBe(`paytokens/${version} (@paytokens/adapters-klarna; node ${process.version})`);
  });

  it('finds the package.json from the built layout (dist/lib) as well as from src/lib', () => {
    expect(findPackageVersion(join(projectRoot, 'src', 'lib'))).toBe(version);
    expect(findPackageVersion(join(projectRoot, 'dist', 'lib'))).toBe(version);
  });

  it('skips package.json files of other packages on the way up', () => {
    expect(findPackageVersion(join(projectRoot, '..', '..', 'node_modules', 'undici', 'lib'))).toBeUndefined();
  });
});
