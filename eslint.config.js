import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const openExternalMessage = 'Open links with openExternalSafely() from electron/security/openExternal.ts: it allows http and https only.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'release/**', 'bench/tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Plain Node scripts (scripts/*.mjs) see Node's globals.
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  {
    // One guarded door to the OS's browser (Beekeeper Studio's rule), and no switching off the
    // Electron security checklist anywhere.
    files: ['**/*.ts', '**/*.tsx'],
    // Tests may look at the mocked shell.openExternal.
    ignores: ['electron/security/openExternal.ts', 'electron/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='openExternal']", message: openExternalMessage },
        { selector: "MemberExpression[property.value='openExternal']", message: openExternalMessage },
        { selector: "ObjectPattern > Property[key.name='openExternal']", message: openExternalMessage },
        { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'The renderer never gets Node integration.' },
        { selector: "Property[key.name='nodeIntegrationInSubFrames'][value.value=true]", message: 'The renderer never gets Node integration.' },
        { selector: "Property[key.name='contextIsolation'][value.value=false]", message: 'Context isolation stays on.' },
        { selector: "Property[key.name='sandbox'][value.value=false]", message: 'The renderer stays sandboxed.' },
        { selector: "Property[key.name='webSecurity'][value.value=false]", message: 'webSecurity stays on.' },
        { selector: "Property[key.name='allowRunningInsecureContent'][value.value=true]", message: 'No insecure content.' },
      ],
    },
  },
  {
    // The core runs in Node, Electron and tests alike: it never reaches into a shell or the UI.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom'].map((name) => ({ name, message: 'src/ is shell-independent: no electron or react here.' })),
          patterns: [{ group: ['**/renderer/**', '**/electron/**'], message: 'src/ never imports the renderer or the Electron shell.' }],
        },
      ],
    },
  },
  {
    // The renderer runs in a sandboxed page: it may know the core's types, never its code.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the core through MsxClient only.' }],
          patterns: [
            { group: ['**/src/**'], allowTypeImports: true, message: 'The renderer imports from src/ with `import type` only.' },
            { group: ['**/electron/**', '!**/electron/preload-api'], message: 'The renderer knows the preload only by its types.' },
          ],
        },
      ],
    },
  },
);
