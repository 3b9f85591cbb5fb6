import { join } from 'node:path';
import * as ts from 'typescript';
import { workspaceRoot, type CodeBlock } from './markdown-code-blocks';

/** A compiler error in a documentation block, located in the Markdown file. */
export interface BlockDiagnostic {
  /** `file:line:column`, in the Markdown file. */
  where: string;
  /** `TS2449: Class 'PaymentsService' used before its declaration.` */
  message: string;
}

/**
 * The workspace's compiler options (strict, decorators, the @paytokens/* path aliases to the sources), made to
 * type-check only. ES modules, so that an example may `await` at its top level as a consumer's ESM file may.
 */
export function exampleCompilerOptions(root = workspaceRoot): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath);
  return {
    ...options,
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ['node'],
    declaration: false,
    sourceMap: false,
  };
}

/** Where a block lives while it is compiled: a file that exists only in the compiler host, beside the sources. */
export function virtualPath(block: CodeBlock, root = workspaceRoot): string {
  return join(root, '.docs-examples', `${block.file.replace(/[/\\]/g, '__')}.L${block.line}.ts`);
}

/**
 * Type-checks every block as its own module, in one program (the libraries are checked once), and returns each
 * block's errors located in its Markdown file. A block is its own module even without imports (`export {}` is
 * added after it), so two blocks never see each other's names.
 */
export function compileBlocks(blocks: readonly CodeBlock[], root = workspaceRoot): Map<CodeBlock, BlockDiagnostic[]> {
  const options = exampleCompilerOptions(root);
  const sources = new Map(blocks.map((block) => [virtualPath(block, root), block]));
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (path) => sources.has(path) || fileExists.call(host, path);
  const asModule = (block: CodeBlock) => `${block.code}export {};\n`;
  host.readFile = (path) => {
    const block = sources.get(path);
    return block ? asModule(block) : readFile.call(host, path);
  };
  host.getSourceFile = (path, languageVersion, onError, shouldCreate) => {
    const block = sources.get(path);
    if (block) return ts.createSourceFile(path, asModule(block), languageVersion, true);
    return getSourceFile.call(host, path, languageVersion, onError, shouldCreate);
  };
  const program = ts.createProgram({ rootNames: [...sources.keys()], options, host });

  const results = new Map<CodeBlock, BlockDiagnostic[]>(blocks.map((block) => [block, []]));
  for (const [path, block] of sources) {
    const file = program.getSourceFile(path);
    if (!file) throw new Error(`${block.file}:${block.line}: the compiler did not read this block`);
    const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    results.set(
      block,
      diagnostics.map((diagnostic) => locate(diagnostic, block)),
    );
  }
  return results;
}

function locate(diagnostic: ts.Diagnostic, block: CodeBlock): BlockDiagnostic {
  const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  if (!diagnostic.file || diagnostic.start === undefined) return { where: `${block.file}:${block.line}`, message };
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return { where: `${block.file}:${block.line + line}:${character + 1}`, message };
}
