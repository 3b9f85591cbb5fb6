import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The workspace root (this file is tools/docs-examples/src/markdown-code-blocks.ts). */
export const workspaceRoot = join(__dirname, '..', '..', '..');

/** A ```ts or ```typescript block of a Markdown file. */
export interface CodeBlock {
  /** Workspace-relative path of the Markdown file, with '/' separators. */
  file: string;
  /** 1-based line of the block's first code line in that file. */
  line: number;
  code: string;
  /** Set when `<!-- not-compiled: why -->` stands right before the fence: a fragment on purpose. */
  notCompiledBecause?: string;
}

const FENCE = /^```(ts|typescript)\s*$/;
const NOT_COMPILED = /^<!--\s*not-compiled:\s*(.+?)\s*-->\s*$/;

/** The documentation whose TypeScript examples the tests hold: README.md, docs/**\/*.md and libs/*\/README.md. */
export function documentationFiles(root = workspaceRoot): string[] {
  const files = ['README.md', ...markdownUnder(join(root, 'docs'), root)];
  const libs = join(root, 'libs');
  for (const lib of readdirSync(libs).sort()) if (existsSync(join(libs, lib, 'README.md'))) files.push(`libs/${lib}/README.md`);
  return files.filter((file) => existsSync(join(root, file)));
}

function markdownUnder(dir: string, root: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return markdownUnder(path, root);
      return entry.name.endsWith('.md') ? [relative(root, path).split('\\').join('/')] : [];
    });
}

/** Every TypeScript block of one Markdown text, with where it starts and its not-compiled mark, if any. */
export function typeScriptBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i])) continue;
    const end = lines.findIndex((text, j) => j > i && /^```\s*$/.test(text));
    if (end === -1) throw new Error(`${file}:${i + 1}: a TypeScript block that is never closed`);
    const mark = NOT_COMPILED.exec(lines[i - 1] ?? '') ?? NOT_COMPILED.exec(i >= 2 && lines[i - 1].trim() === '' ? lines[i - 2] : '');
    blocks.push({ file, line: i + 2, code: lines.slice(i + 1, end).join('\n') + '\n', notCompiledBecause: mark?.[1] });
    i = end;
  }
  return blocks;
}

/** Every TypeScript block of the documentation. */
export function documentationBlocks(root = workspaceRoot): CodeBlock[] {
  return documentationFiles(root).flatMap((file) => typeScriptBlocks(file, readFileSync(join(root, file), 'utf8')));
}
