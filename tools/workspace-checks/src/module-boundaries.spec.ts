import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface LintOutcome {
  filePath: string;
  errors: { ruleId: string | null; message: string }[];
}

// Each case is a scratch file that does not exist on disk, linted at a real project's path.
const cases = {
  domainImportsNest: {
    filePath: 'libs/domain/src/lib/scratch.ts',
    code: "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
  },
  domainImportsUndici: {
    filePath: 'libs/domain/src/lib/scratch.ts',
    code: "import { request } from 'undici';\nexport const x = request;\n",
  },
  domainImportsIoredis: { filePath: 'libs/domain/src/lib/scratch.ts', code: "import Redis from 'ioredis';\nexport const x = Redis;\n" },
  domainImportsNodeHttp: {
    filePath: 'libs/domain/src/lib/scratch.ts',
    code: "import { request } from 'node:http';\nexport const x = request;\n",
  },
  domainImportsNodeFs: {
    filePath: 'libs/domain/src/lib/scratch.ts',
    code: "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n",
  },
  domainImportsClassValidator: {
    filePath: 'libs/domain/src/lib/scratch.ts',
    code: "import { IsString } from 'class-validator';\nexport const x = IsString;\n",
  },
  domainImportsAdapter: {
    filePath: 'libs/domain/src/lib/scratch.ts',
    code: "import * as k from '@paytokens/adapters-klarna';\nexport const x = k;\n",
  },
  adapterImportsAdapter: {
    filePath: 'libs/adapters-klarna/src/lib/scratch.ts',
    code: "import * as z from '@paytokens/adapters-zenki';\nexport const x = z;\n",
  },
  // The path is relative to the scratch file's folder, so it is built, not written (self-contained.spec.ts reads literals).
  libraryImportsApp: {
    filePath: 'libs/adapters-zenki/src/lib/scratch.ts',
    code: `import * as app from '${'../'.repeat(4)}apps/api/src/main';\nexport const x = app;\n`,
  },
  adapterImportsTestHelperInProduction: {
    filePath: 'libs/adapters-klarna/src/lib/scratch.ts',
    code: "import * as c from '@paytokens/contract-testing';\nexport const x = c;\n",
  },
  domainIsPlain: {
    filePath: 'libs/domain/src/lib/scratch.ts',
    code: "import { createHash } from 'node:crypto';\nexport const x = createHash;\n",
  },
  adapterImportsDomain: {
    filePath: 'libs/adapters-klarna/src/lib/scratch.ts',
    code: "import { Secret } from '@paytokens/domain';\nexport const x = Secret;\n",
  },
  appImportsAdapters: {
    filePath: 'apps/api/src/scratch.ts',
    code: "import * as k from '@paytokens/adapters-klarna';\nimport * as d from '@paytokens/domain';\nexport const x = [k, d];\n",
  },
  domainImportsKit: {
    filePath: 'libs/domain/src/lib/scratch.ts',
    code: "import * as kit from '@paytokens/provider-kit';\nexport const x = kit;\n",
  },
  kitImportsAdapter: {
    filePath: 'libs/provider-kit/src/lib/scratch.ts',
    code: "import * as k from '@paytokens/adapters-klarna';\nexport const x = k;\n",
  },
  kitImportsApp: {
    filePath: 'libs/provider-kit/src/lib/scratch.ts',
    code: `import * as app from '${'../'.repeat(4)}apps/api/src/main';\nexport const x = app;\n`,
  },
  kitImportsNest: {
    filePath: 'libs/provider-kit/src/lib/scratch.ts',
    code: "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
  },
  kitImportsDomain: {
    filePath: 'libs/provider-kit/src/lib/scratch.ts',
    code: "import { Secret } from '@paytokens/domain';\nexport const x = Secret;\n",
  },
  adapterImportsKit: {
    filePath: 'libs/adapters-zenki/src/lib/scratch.ts',
    code: "import { ProviderCircuit } from '@paytokens/provider-kit';\nexport const x = ProviderCircuit;\n",
  },
  adapterSpecImportsTestHelper: {
    filePath: 'libs/adapters-klarna/src/lib/scratch.spec.ts',
    code: "import * as c from '@paytokens/contract-testing';\nexport const x = c;\n",
  },
  adapterImportsTestingLibraryInProduction: {
    filePath: 'libs/adapters-redis/src/lib/scratch.ts',
    code: "import * as t from '@paytokens/testing';\nexport const x = t;\n",
  },
  appImportsTestingLibraryInProduction: {
    filePath: 'apps/api/src/scratch.ts',
    code: "import * as t from '@paytokens/testing';\nexport const x = t;\n",
  },
  adapterSpecImportsTestingLibrary: {
    filePath: 'libs/adapters-redis/src/lib/scratch.spec.ts',
    code: "import * as t from '@paytokens/testing';\nexport const x = t;\n",
  },
  appTestImportsTestingLibrary: {
    filePath: 'apps/api/test/scratch.e2e-spec.ts',
    code: "import * as t from '@paytokens/testing';\nexport const x = t;\n",
  },
  toolSpecImportsTestingLibrary: {
    filePath: 'tools/workspace-checks/src/scratch.spec.ts',
    code: "import * as t from '@paytokens/testing';\nexport const x = t;\n",
  },
};
type CaseName = keyof typeof cases;

describe('module boundaries (the ESLint rule that guards the architecture)', () => {
  let outcomes: Record<CaseName, LintOutcome>;

  beforeAll(() => {
    const names = Object.keys(cases) as CaseName[];
    const output = execFileSync(process.execPath, [join(__dirname, 'lint-snippets.mjs')], {
      input: JSON.stringify(names.map((name) => cases[name])),
      env: { ...process.env, NX_DAEMON: 'false' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const results = JSON.parse(output) as LintOutcome[];
    outcomes = Object.fromEntries(names.map((name, i) => [name, results[i]])) as Record<CaseName, LintOutcome>;
  }, 130_000);

  const architectureRules = ['@nx/enforce-module-boundaries', 'no-restricted-imports'];
  const boundaryErrors = (name: CaseName) => outcomes[name].errors.filter((e) => architectureRules.includes(e.ruleId ?? ''));

  it.each<CaseName>([
    'domainImportsNest',
    'domainImportsUndici',
    'domainImportsIoredis',
    'domainImportsNodeHttp',
    'domainImportsNodeFs',
    'domainImportsClassValidator',
    'domainImportsAdapter',
    'adapterImportsAdapter',
    'libraryImportsApp',
    'adapterImportsTestHelperInProduction',
    'adapterImportsTestingLibraryInProduction',
    'appImportsTestingLibraryInProduction',
    'domainImportsKit',
    'kitImportsAdapter',
    'kitImportsApp',
    'kitImportsNest',
  ])('refuses %s', (name) => {
    expect(boundaryErrors(name).length).toBeGreaterThan(0);
  });

  it.each<CaseName>([
    'domainIsPlain',
    'adapterImportsDomain',
    'appImportsAdapters',
    'adapterSpecImportsTestHelper',
    'adapterSpecImportsTestingLibrary',
    'appTestImportsTestingLibrary',
    'toolSpecImportsTestingLibrary',
    'kitImportsDomain',
    'adapterImportsKit',
  ])('allows %s', (name) => {
    expect(outcomes[name].errors).toEqual([]);
  });
});
