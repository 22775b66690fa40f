// Lint: typescript-eslint's recommended rules, plus the boundaries of the code
// (docs/decisions/0005-code-layout.md): features do not import each other's
// internals, the browser kit (src/web) imports no feature and no app shell,
// features import no app shell (src/app), browser code never imports server
// code, and dates go through platform/time.
import fs from 'node:fs';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const features = fs.readdirSync('src/features', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '**/.tmp/**', 'bench/.data/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // A feature's *schema.ts is its public contract and api.ts its public server functions;
            // everything else is its own.
            ...features.map((name) => ({
              target: `./src/features/${name}/**`,
              from: [`./src/features/!(${name})/!(*schema|api).ts`, `./src/features/!(${name})/*/**`],
              message: 'Features do not import each other\'s internals (only their *schema.ts and api.ts); move shared code to src/platform.',
            })),
            {
              target: './src/web/**',
              from: ['./src/features/**', './src/app/**'],
              message: 'src/web is the kit every page uses; it imports no feature and no app shell. Routes and menus go in src/app.',
            },
            {
              target: './src/features/**',
              from: './src/app/**',
              message: 'Features do not import the app shell (router, layout, start pages); shared browser code goes in src/web.',
            },
            ...[
              ['./src/{server,db,seed}/**', './src/platform/auth/**', './src/platform/{audit,mail}.ts', './src/platform/http/!(schemas).ts', './src/features/*/!(*schema).ts'],
            ].map((from) => ({
              target: ['./src/app/**', './src/web/**', './src/features/*/ui/**'],
              from,
              message: 'Browser code imports only schemas and shared constants, never server code.',
            })),
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'date-fns', message: 'Use src/platform/time.ts: one place for time zone and school-year rules.' }] },
      ],
    },
  },
  {
    files: ['src/platform/time.ts', 'src/platform/time.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
