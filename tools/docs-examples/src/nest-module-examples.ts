import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { GetAccessToken, IssueCustomerToken } from '@paytokens/domain';
import { workspaceRoot, type CodeBlock } from './markdown-code-blocks';

/**
 * The variables a Nest module example reads its provider settings from, so that the tests can point it at the
 * simulators: an example that uses a provider's module must read that provider's base URL variable.
 */
export const EXAMPLE_ENVIRONMENT = {
  KlarnaModule: ['KLARNA_USERNAME', 'KLARNA_PASSWORD', 'KLARNA_BASE_URL'],
  ZenkiModule: ['ZENKI_CLIENT_ID', 'ZENKI_CLIENT_SECRET', 'ZENKI_BASE_URL'],
  PaytokensRedisModule: ['REDIS_URL'],
} as const;

/** True when the example needs a Redis server to boot. */
export function needsRedis(block: CodeBlock): boolean {
  return block.code.includes('PaytokensRedisModule');
}

/** The blocks that define a Nest module (`@Module(`): the ones the tests boot. */
export function moduleExamples(blocks: readonly CodeBlock[]): CodeBlock[] {
  return blocks.filter((block) => !block.notCompiledBecause && /@Module\(/.test(block.code));
}

/** The exported class a consumer would import: the last `export class` decorated with `@Module`. */
export function rootModuleName(block: CodeBlock): string {
  const names = [...block.code.matchAll(/@Module\([\s\S]*?\)\s*export class (\w+)/g)].map((match) => match[1]);
  if (names.length === 0) throw new Error(`${block.file}:${block.line}: defines a @Module but exports no module class`);
  return names[names.length - 1];
}

/** What an example must read from the environment but does not (e.g. uses KlarnaModule without KLARNA_BASE_URL). */
export function missingEnvironmentReads(block: CodeBlock): string[] {
  return Object.entries(EXAMPLE_ENVIRONMENT).flatMap(([moduleName, variables]) =>
    block.code.includes(moduleName) ? variables.filter((variable) => !block.code.includes(variable)) : [],
  );
}

/**
 * Loads a block as the TypeScript module a consumer would write, through the test runner's own compiler and
 * path aliases: it is written under tmp/ (ignored by git) and required, so a class used before its
 * declaration fails here exactly as in a consumer's app.
 */
export function loadExample(block: CodeBlock): Record<string, unknown> {
  const dir = join(workspaceRoot, 'tmp', 'docs-examples');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${block.file.replace(/[/\\.]/g, '_')}_L${block.line}.ts`);
  writeFileSync(path, block.code);
  return require(path) as Record<string, unknown>;
}

/** Every distinct instance of the domain's use cases that a booted module graph holds, under whatever token. */
export function useCasesIn(app: INestApplicationContext): { getAccessToken: GetAccessToken[]; issueCustomerToken: IssueCustomerToken[] } {
  const instances = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) if (wrapper.instance) instances.add(wrapper.instance);
  }
  const all = [...instances];
  return {
    getAccessToken: all.filter((instance): instance is GetAccessToken => instance instanceof GetAccessToken),
    issueCustomerToken: all.filter((instance): instance is IssueCustomerToken => instance instanceof IssueCustomerToken),
  };
}

/** The root module class of a loaded example. */
export function rootModule(block: CodeBlock, exports: Record<string, unknown>): Type<unknown> {
  const root = exports[rootModuleName(block)];
  if (typeof root !== 'function') throw new Error(`${block.file}:${block.line}: ${rootModuleName(block)} is not exported`);
  return root as Type<unknown>;
}
