// Lint for the whole tree (npm test runs it): typescript-eslint's recommended rules with type information, the lit,
// lit-a11y and wc plugins on the elements, and Prettier's config last so that formatting is Prettier's alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'custom-elements.json',
      'test/consumer/**',
      'test/package/fixture/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Unused names are the compiler's job (noUnusedLocals/Parameters), with its own `_` convention.
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      // Private members are ECMAScript `#private`, never the TypeScript keyword (one way, and really private).
      'no-restricted-syntax': [
        'error',
        {
          // Decorated members (@state, @query) cannot be #private under the legacy decorators Lit uses: they may stay.
          selector:
            ':matches(PropertyDefinition, MethodDefinition, TSParameterProperty)[accessibility="private"][decorators.length=0]',
          message:
            'Use an ECMAScript #private member instead of the TypeScript `private` keyword (decorated members excepted).',
        },
      ],
    },
  },
  {
    // The dependency arrows of the packages (ARCHITECTURE.md): the elements never import server code, and read the
    // contract through components/api/contract.ts, by its package name, so the published elements resolve it.
    files: ['components/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '@atlas-sharing/server'], message: 'The elements never import server code.' },
            { group: ['**/contract/**'], message: "Import the contract's types from components/api/contract.ts." },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['components/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['components/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: {
      ...litA11y.configs.recommended.rules,
      // Our dialogs follow the dialog pattern: initial focus goes to the [autofocus] control of a modal <dialog>.
      'lit-a11y/no-autofocus': 'off',
    },
  },
  {
    // The rule cannot see a <label for> naming an <input>, text content naming a tooltip, or that a checkbox with
    // role="switch" carries its own checked state; the APG combobox's options are clicked, keys go to the input.
    files: ['components/share-dialog/share-dialog.ts', 'components/dashboard-card/dashboard-card.ts'],
    rules: {
      'lit-a11y/accessible-name': 'off',
      'lit-a11y/role-has-required-aria-attrs': 'off',
      'lit-a11y/click-events-have-key-events': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Tests reach into responses whose shape the assertion itself checks.
      '@typescript-eslint/no-explicit-any': 'off',
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': 'off',
      // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
);
