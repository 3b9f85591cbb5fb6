import { compileBlocks } from './compile-code-blocks';
import { documentationBlocks, documentationFiles, typeScriptBlocks } from './markdown-code-blocks';

describe('TypeScript examples in the documentation', () => {
  const blocks = documentationBlocks();
  const compiled = blocks.filter((block) => !block.notCompiledBecause);
  let diagnostics: ReturnType<typeof compileBlocks>;

  beforeAll(() => {
    diagnostics = compileBlocks(compiled);
  }, 120_000);

  it('are found in README.md, docs/ and every library README', () => {
    const files = documentationFiles();
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'libs/domain/README.md', 'libs/adapters-klarna/README.md', 'libs/adapters-zenki/README.md']),
    );
    expect(new Set(compiled.map((block) => block.file))).toEqual(
      new Set([
        'docs/libraries.md',
        'libs/domain/README.md',
        'libs/adapters-klarna/README.md',
        'libs/adapters-zenki/README.md',
        'libs/adapters-redis/README.md',
      ]),
    );
  });

  it("compile, strict, against the packages' own types (each error named with its file and line)", () => {
    const failures = compiled.flatMap((block) => diagnostics.get(block)!.map((d) => `${d.where} ${d.message}`));
    expect(failures).toEqual([]);
  });

  it('are rarely left out on purpose, and each one left out says why', () => {
    const leftOut = blocks
      .filter((block) => block.notCompiledBecause)
      .map((block) => `${block.file}:${block.line} (${block.notCompiledBecause})`);
    console.log(
      `Documentation TypeScript blocks: ${compiled.length} compiled, ${leftOut.length} left out${leftOut.length ? `:\n  ${leftOut.join('\n  ')}` : ''}`,
    );
    expect(leftOut.length).toBeLessThanOrEqual(Math.floor(blocks.length / 5));
  });
});

describe('the block finder and the compiler', () => {
  it('locates a block that does not compile by its Markdown file, line and diagnostic', () => {
    const markdown = ['# Title', '', '```ts', "import { Secret } from '@paytokens/domain';", 'const secret: Secret = 42;', '```', ''].join(
      '\n',
    );
    const [block] = typeScriptBlocks('docs/example.md', markdown);
    expect(block).toMatchObject({ file: 'docs/example.md', line: 4 });
    const [error] = compileBlocks([block]).get(block)!;
    expect(error.where).toBe('docs/example.md:5:7');
    expect(error.message).toMatch(/^TS2322: Type 'number' is not assignable to type 'Secret/);
  }, 120_000);

  it('finds a class used before its declaration (TS2449), as in a Nest module listed before its service', () => {
    const code =
      "import { Injectable, Module } from '@nestjs/common';\n@Module({ providers: [Late] })\nexport class M {}\n@Injectable()\nexport class Late {}\n";
    const block = { file: 'README.md', line: 10, code };
    expect(
      compileBlocks([block])
        .get(block)!
        .map((d) => d.message.slice(0, 6)),
    ).toContain('TS2449');
  }, 120_000);

  it('reads the not-compiled mark right before a fence, and ```typescript fences too', () => {
    const markdown = ['<!-- not-compiled: a fragment of an options object -->', '```typescript', 'retry: { maxAttempts: 3 }', '```'].join(
      '\n',
    );
    expect(typeScriptBlocks('x.md', markdown)).toEqual([
      { file: 'x.md', line: 3, code: 'retry: { maxAttempts: 3 }\n', notCompiledBecause: 'a fragment of an options object' },
    ]);
  });
});
