// Lint for the whole workspace. The module-boundary rule is the architecture's guard:
// projects carry scope:* and type:* tags and may only import what their type allows.
import nx from '@nx/eslint-plugin';
import prettierRecommended from 'eslint-plugin-prettier/recommended';

const bannedInDomain = [
  '@nestjs/*',
  'class-validator',
  'class-transformer',
  'undici',
  'axios',
  'node-fetch',
  'got',
  'ioredis',
  'redis',
  '@redis/*',
  'http',
  'https',
  'node:http',
  'node:https',
  'node:net',
  'net',
  'fastify',
  'pino',
];

// The kit is shared by every adapter and stays framework-free: Nest belongs in each adapter's nest/ folder.
const bannedInProviderKit = ['@nestjs/*', 'fastify', 'ioredis', 'redis', '@redis/*', 'class-validator', 'class-transformer'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', 'tmp', 'coverage', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: bannedInDomain,
            },
            { sourceTag: 'type:provider-kit', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: bannedInProviderKit },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:provider-kit'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:provider-kit', 'type:adapter'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:domain', 'type:provider-kit', 'type:adapter', 'type:app'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Nx treats Node built-ins as no dependency at all, so the domain's ban on I/O built-ins needs the core rule.
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['http', 'https', 'net', 'tls', 'dgram', 'dns', 'fs', 'child_process'].flatMap((name) => [
            { name, message: 'The domain does no I/O: this belongs in an adapter.' },
            { name: `node:${name}`, message: 'The domain does no I/O: this belongs in an adapter.' },
          ]),
        },
      ],
    },
  },
  {
    // Tests (and test-support folders) may also use the test-only libraries (type:testing); production code may not.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [], bannedExternalImports: bannedInDomain },
            {
              sourceTag: 'type:provider-kit',
              onlyDependOnLibsWithTags: ['type:domain', 'type:testing'],
              bannedExternalImports: bannedInProviderKit,
            },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:provider-kit', 'type:testing'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:provider-kit', 'type:adapter', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain'] },
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: ['type:domain', 'type:provider-kit', 'type:adapter', 'type:app', 'type:testing'],
            },
          ],
        },
      ],
    },
  },
  // Formatting is Prettier's (.prettierrc.json); lint fails on any file it would change.
  prettierRecommended,
];
