import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The docs link to each other and to the code: a moved section or a renamed file must not leave a dead link.
const root = resolve(__dirname, '../../..');

/** Our own prose: the root documents, docs/, and every library README (the providers' copied documents aside). */
function documents(): string[] {
  const files = ['README.md', 'DEVELOPERS.md', 'CHANGELOG.md', 'contracts/README.md'];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir))) {
      const path = join(dir, name);
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.md')) files.push(path);
    }
  };
  walk('docs');
  for (const lib of readdirSync(join(root, 'libs')))
    if (existsSync(join(root, 'libs', lib, 'README.md'))) files.push(`libs/${lib}/README.md`);
  return files;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a Markdown text defines (headings outside code fences). */
export function anchorsIn(text: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = /^#{1,6} (.+)$/.exec(line);
    if (heading && !fenced) anchors.add(anchorOf(heading[1]));
  }
  return anchors;
}

/** Each relative link of a Markdown text (outside code fences) that does not lead to an existing file and heading. */
export function deadLinks(file: string, text: string, read: (path: string) => string | undefined): string[] {
  const dead: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [path, anchor] = target.split('#');
      const linked = path === '' ? file : relative(root, resolve(root, dirname(file), path));
      const content = read(linked);
      if (content === undefined) dead.push(`${file}: ${target} (no such file)`);
      else if (anchor && linked.endsWith('.md') && !anchorsIn(content).has(anchor)) dead.push(`${file}: ${target} (no such heading)`);
    }
  }
  return dead;
}

function readIfExists(path: string): string | undefined {
  const full = join(root, path);
  if (!existsSync(full)) return undefined;
  return statSync(full).isDirectory() ? '' : readFileSync(full, 'utf8');
}

describe('links between the documents', () => {
  it('lead to files and headings that exist', () => {
    const files = documents();
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((file) => deadLinks(file, readFileSync(join(root, file), 'utf8'), readIfExists))).toEqual([]);
  });

  it('are checked for real: a missing file and a missing heading are found', () => {
    const read = (path: string) => (path === 'docs/a.md' ? '# A\n\n## Known part\n' : undefined);
    expect(deadLinks('README.md', '[ok](docs/a.md#known-part) [file](docs/b.md) [heading](docs/a.md#gone)', read)).toEqual([
      'README.md: docs/b.md (no such file)',
      'README.md: docs/a.md#gone (no such heading)',
    ]);
    expect(anchorOf('Redis and many instances')).toBe('redis-and-many-instances');
    expect(anchorOf('Traces (OpenTelemetry)')).toBe('traces-opentelemetry');
  });
});
