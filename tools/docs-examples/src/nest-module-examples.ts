import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { KlarnaCustomerTokens } from '@paytokens/adapters-klarna';
import { GetAccessToken, IssueCustomerToken } from '@paytokens/domain';
import { workspaceRoot, type CodeBlock } from './markdown-code-blocks';

/**
 * The variables a Nest module example reads its provider settings from, so that the tests can point it at the
 * simulators. An account's variables may carry its name: `KLARNA_EU_USERNAME`, `KLARNA_EU_PASSWORD`,
 * `KLARNA_EU_BASE_URL`. An example that uses a provider's module must read the whole set for each account it names,
 * and at least one set, so that no example can reach a real provider from the tests.
 */
export const EXAMPLE_ENVIRONMENT = {
  KlarnaModule: { prefix: 'KLARNA', settings: ['USERNAME', 'PASSWORD', 'BASE_URL'] },
  ZenkiModule: { prefix: 'ZENKI', settings: ['CLIENT_ID', 'CLIENT_SECRET', 'BASE_URL'] },
} as const;

type ProviderModule = keyof typeof EXAMPLE_ENVIRONMENT;

/** Each provider variable a block names (`process.env.KLARNA_…`, `config.get('ZENKI_…')`, `required('KLARNA_…')`). */
export function environmentReads(code: string): string[] {
  return [...new Set([...code.matchAll(/\b(?:KLARNA|ZENKI)_[A-Z0-9_]+\b/g)].map((match) => match[0]))];
}

/** The account infixes (`''` for the unnamed set, `'EU_'` for `KLARNA_EU_…`) a block reads for one provider. */
function accountInfixes(reads: readonly string[], moduleName: ProviderModule): Set<string> {
  const { prefix, settings } = EXAMPLE_ENVIRONMENT[moduleName];
  const pattern = new RegExp(`^${prefix}_((?:[A-Z0-9]+_)*?)(${settings.join('|')})$`);
  return new Set(reads.flatMap((name) => pattern.exec(name)?.[1] ?? []));
}

/** What an example must read from the environment but does not (e.g. uses KlarnaModule without KLARNA_BASE_URL). */
export function missingEnvironmentReads(block: CodeBlock): string[] {
  const reads = environmentReads(block.code);
  return (Object.keys(EXAMPLE_ENVIRONMENT) as ProviderModule[]).flatMap((moduleName) => {
    if (!block.code.includes(moduleName)) return [];
    const { prefix, settings } = EXAMPLE_ENVIRONMENT[moduleName];
    const infixes = accountInfixes(reads, moduleName);
    if (infixes.size === 0) infixes.add('');
    return [...infixes]
      .flatMap((infix) => settings.map((setting) => `${prefix}_${infix}${setting}`))
      .filter((name) => !reads.includes(name));
  });
}

/** The values the tests give an example's provider variables: every account points at the same simulator. */
export function exampleEnvironment(block: CodeBlock, values: Record<ProviderModule, Record<string, string>>): Record<string, string> {
  const reads = environmentReads(block.code);
  const environment: Record<string, string> = {};
  for (const moduleName of Object.keys(EXAMPLE_ENVIRONMENT) as ProviderModule[]) {
    const { prefix, settings } = EXAMPLE_ENVIRONMENT[moduleName];
    for (const infix of accountInfixes(reads, moduleName)) {
      for (const setting of settings) environment[`${prefix}_${infix}${setting}`] = values[moduleName][setting];
    }
  }
  return environment;
}

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

/** Issues a customer token, whichever way the module provides it. */
export type CustomerTokenIssuer = Pick<IssueCustomerToken, 'execute'>;

/**
 * Every distinct access-token and customer-token use case a booted module graph holds, under whatever token: the
 * domain's `GetAccessToken` and `IssueCustomerToken`, and Klarna's per-account `KlarnaCustomerTokens`.
 */
export function useCasesIn(app: INestApplicationContext): { getAccessToken: GetAccessToken[]; issueCustomerToken: CustomerTokenIssuer[] } {
  const instances = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) if (wrapper.instance) instances.add(wrapper.instance);
  }
  const all = [...instances];
  const issuers: CustomerTokenIssuer[] = all.filter((instance): instance is IssueCustomerToken => instance instanceof IssueCustomerToken);
  for (const tokens of all.filter((instance): instance is KlarnaCustomerTokens => instance instanceof KlarnaCustomerTokens)) {
    issuers.push({ execute: (request, options) => tokens.issue(request, options) });
  }
  return {
    getAccessToken: all.filter((instance): instance is GetAccessToken => instance instanceof GetAccessToken),
    issueCustomerToken: issuers,
  };
}

/** The root module class of a loaded example. */
export function rootModule(block: CodeBlock, exports: Record<string, unknown>): Type<unknown> {
  const root = exports[rootModuleName(block)];
  if (typeof root !== 'function') throw new Error(`${block.file}:${block.line}: ${rootModuleName(block)} is not exported`);
  return root as Type<unknown>;
}
