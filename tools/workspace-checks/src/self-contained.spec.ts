import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// A stranger's clone has nothing beside it: no source file, test, script or config may name a path above the
// repository root (the providers' documents live in contracts/, inside it).
const root = resolve(__dirname, '../../..');

/** Files that run or configure something: code, scripts, manifests and configs (prose and data aside). */
const CHECKED = /(\.(ts|mts|cts|js|mjs|cjs|json|sh|ya?ml)|^\.ci\/run|(^|\/)\.env\.example)$/;
/** The providers' own documents are data copied verbatim; the lockfile is npm's. */
const EXEMPT = /^(contracts\/|package-lock\.json$)/;

/** Each string literal, or `{workspaceRoot}`-style template, that climbs with `..` segments. */
const RELATIVE_LITERAL = /(['"`])((?:\{workspaceRoot\}|\{projectRoot\}|\.)?(?:\/?\.\.)+(?:\/[^'"`\s]*)?)\1/g;
/** A sibling folder named by its usual name, however it is reached. */
const SHARED_FOLDER = /\.\.\/+shared\b|\/work\/shared\b/;

interface Finding {
  file: string;
  line: number;
  text: string;
}

function trackedFiles(): string[] {
  const output = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  return output.split('\n').filter((file) => file !== '' && CHECKED.test(file) && !EXEMPT.test(file));
}

/** Where a climbing literal lands: from `{workspaceRoot}` at the root, otherwise from the file's folder. */
function landsOutside(file: string, literal: string): boolean {
  const base = literal.startsWith('{workspaceRoot}') ? root : dirname(join(root, file));
  const path = literal.replace(/^\{(workspaceRoot|projectRoot)\}/, '.');
  const target = resolve(base, path.startsWith('/') ? `.${path}` : path);
  const fromRoot = relative(root, target);
  return fromRoot === '..' || fromRoot.startsWith(`..${sep}`);
}

export function pathsAboveRoot(files: readonly string[], read: (file: string) => string): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    read(file)
      .split('\n')
      .forEach((text, index) => {
        const climbs = [...text.matchAll(RELATIVE_LITERAL)].some(([, , literal]) => landsOutside(file, literal));
        if (climbs || SHARED_FOLDER.test(text)) findings.push({ file, line: index + 1, text: text.trim() });
      });
  }
  return findings;
}

describe('the repository stands on its own', () => {
  it('names no path above its root in any source file, test, script or config', () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(100);
    const findings = pathsAboveRoot(files, (file) => readFileSync(join(root, file), 'utf8'));
    expect(findings.map(({ file, line, text }) => `${file}:${line}: ${text}`)).toEqual([]);
  });

  it('carries the providers documents its contract tests read', () => {
    for (const document of [
      'klarna/klarna-payments-api-openapi.yml',
      'klarna/klarna-customer-token-api-openapi.yml',
      'zenki/openapi.yaml',
    ]) {
      expect(readFileSync(join(root, 'contracts', document), 'utf8').length).toBeGreaterThan(1000);
    }
  });

  describe('the check itself', () => {
    const check = (file: string, content: string) => pathsAboveRoot([file], () => content).length;

    // The offending paths are built, not written, so that this file passes its own check.
    const up = (levels: number) => '../'.repeat(levels);
    const quote = (text: string) => `'${text}'`;

    it('finds a climb above the root, a sibling shared folder and a workspaceRoot escape', () => {
      expect(check('tools/x/src/a.ts', `resolve(__dirname, ${quote(`${up(4)}shared/contracts`)})`)).toBe(1);
      expect(check('tools/x/src/a.ts', `readFileSync(${quote(`${up(4)}etc/passwd`)})`)).toBe(1);
      expect(check('nx.json', `"{workspaceRoot}/${up(1)}contracts/**/*"`)).toBe(1);
      expect(check('.ci/run', `cp -r ${up(1)}shared/contracts .`)).toBe(1);
      expect(check('tools/x/src/a.ts', `const dir = ${quote(['', 'work', 'shared', 'contracts'].join('/'))};`)).toBe(1);
    });

    it('lets paths that stay inside the repository pass', () => {
      expect(check('tools/x/src/a.ts', "resolve(__dirname, '../../../contracts')")).toBe(0);
      expect(check('libs/a/src/lib/b.ts', "import { c } from '../c';")).toBe(0);
      expect(check('libs/a/project.json', '"{projectRoot}/dist"')).toBe(0);
      expect(check('libs/a/tsconfig.json', '"extends": "../../tsconfig.base.json"')).toBe(0);
    });
  });
});
