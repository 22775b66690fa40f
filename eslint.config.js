// Lint: typescript-eslint's recommended rules, plus the boundaries of the code
// (docs/decisions/0005-code-layout.md): features do not import each other's
// internals, the browser kit (src/web) imports no feature and no app shell,
// features import no app shell (src/app), browser code never imports server
// code, names no role and calls the server one way, parent links are
// parent-access's alone (0011), and dates go through platform/time.
import fs from 'node:fs';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const features = fs.readdirSync('src/features', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
// The staff roles, read from their one definition (the keys of `roles` in roles.ts).
const roleSource = fs.readFileSync('src/platform/access/roles.ts', 'utf8');
const roleNames = [...roleSource.slice(roleSource.indexOf('export const roles = {')).matchAll(/^ {2}(\w+): \{ label:/gm)].map((m) => m[1]);
if (roleNames.length < 5) throw new Error('eslint.config.js: could not read the role names from src/platform/access/roles.ts');

// no-restricted-syntax takes one list per file (a later config replaces it), so the lists are built here and combined.
const browser = ['src/app/**/*.{ts,tsx}', 'src/web/**/*.{ts,tsx}', 'src/features/*/ui/**/*.{ts,tsx}'];
const parentLinksOnly = [
  { selector: 'TemplateElement[value.raw=/\\bparent_links\\b/]', message: 'Only parent-access reads or writes parent_links: use its api.ts.' },
];
// The browser asks what the user may do (the session's `may` and `schools`, a response's `allowed`); it never decides by role.
const noRoleNames = ['Literal[value', 'TemplateElement[value.raw'].map((node) => ({
  selector: `${node}=/^(${roleNames.join('|')})$/]`,
  message: 'No role names in browser code: ask the session (may, schools) or the response (allowed, can), which the server computes from the policies.',
}));

const dateFns = { name: 'date-fns', message: 'Use src/platform/time.ts: one place for time zone and school-year rules.' };
const csvStringify = { name: 'csv-stringify', message: 'Use src/platform/csv.ts: every export neutralises cells a spreadsheet would run as formulas.' };

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
            // A feature's *schema.ts is its public contract, api.ts its public server functions and
            // ui/*-shell.tsx a page frame for other features' pages (parent access's); everything else is its own.
            ...features.map((name) => ({
              target: `./src/features/${name}/**`,
              from: [`./src/features/!(${name})/!(*schema|api).ts`, `./src/features/!(${name})/!(ui)/**`, `./src/features/!(${name})/ui/!(*-shell.tsx)`],
              message: 'Features do not import each other\'s internals (only their *schema.ts, api.ts and ui/*-shell.tsx); move shared code to src/platform.',
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
            // Parent access (docs/decisions/0011-parent-access.md) mints every link a parent gets;
            // no other feature makes tokens of its own.
            {
              target: './src/features/!(auth|parent-access)/**',
              from: './src/platform/auth/tokens.ts',
              message: 'A link for a parent comes from parent-access (createLink); sign-in tokens are auth\'s.',
            },
            ...[
              [
                './src/{server,db,seed}/**', './src/platform/auth/**', './src/platform/{audit,mail}.ts', './src/platform/http/!(schemas).ts',
                // A feature's server code: its top-level files but schemas, and its use-case folders (requests/compose/, …).
                './src/features/*/!(*schema).ts', './src/features/*/!(ui)/**',
              ],
            ].map((from) => ({
              target: ['./src/app/**', './src/web/**', './src/features/*/ui/**'],
              from,
              message: 'Browser code imports only schemas and shared constants, never server code.',
            })),
          ],
        },
      ],
      'no-restricted-imports': ['error', { paths: [dateFns, csvStringify] }],
    },
  },
  {
    // Only parent access reads or writes its table; a subject's feature goes through its api.ts.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/features/parent-access/**'],
    rules: { 'no-restricted-syntax': ['error', ...parentLinksOnly] },
  },
  {
    files: browser,
    ignores: ['src/features/parent-access/**'],
    rules: { 'no-restricted-syntax': ['error', ...parentLinksOnly, ...noRoleNames] },
  },
  {
    files: ['src/features/parent-access/ui/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', ...noRoleNames] },
  },
  {
    // One way the browser calls the server: web/api.ts (a parent's page uses it too, with its own CSRF header).
    files: browser,
    ignores: ['src/web/api.ts'],
    rules: { 'no-restricted-globals': ['error', { name: 'fetch', message: 'Call the server through web/api.ts (apiClient).' }] },
  },
  {
    files: ['src/platform/time.ts', 'src/platform/time.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [csvStringify] }] },
  },
  {
    files: ['src/platform/csv.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [dateFns] }] },
  },
);
