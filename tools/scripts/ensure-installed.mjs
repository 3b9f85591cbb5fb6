// Makes `npm start` and `npm test` work on a fresh clone: installs from the lockfile when node_modules is
// missing or older than package-lock.json. Uses only Node built-ins, since nothing else is installed yet.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const installedMarker = join(root, 'node_modules/.package-lock.json');
const lockfile = join(root, 'package-lock.json');

const upToDate = existsSync(installedMarker) && statSync(installedMarker).mtimeMs >= statSync(lockfile).mtimeMs;
if (!upToDate) {
  console.log('paytokens: installing dependencies from package-lock.json (npm ci)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
