// @ts-check
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/**
 * Lint zones enforce the layer table (docs/ARCHITECTURE.md): the contract is
 * pure, the core never touches electron/react/DOM, the renderer never touches
 * node or the core's internals, electron/ never reaches into the renderer.
 */
const nodeBuiltins = { group: ['node:*'], message: 'node built-ins are not allowed in this layer' }
const uiLibs = {
  group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
  message: 'the core never imports React: it runs in plain Node',
}
const electronLib = { group: ['electron', 'electron/*'], message: 'only electron/ may import electron' }

/**
 * Each layer's allow-list of packages (type imports count too): a package
 * whose typings pull in @types/node would re-open Node's globals (`Buffer`,
 * `process`) in a layer whose tsconfig has none, and the compiler would not
 * notice. Entries are regular expressions for a package name; relative
 * imports are governed by the zone rules.
 */
function onlyPackages(names, layer) {
  return {
    regex: `^(?!(?:${names.join('|')})(?:/|$)|\\.{1,2}/)`,
    message: `${layer} may import only ${names.map((n) => n.replace('[^/]+', '*')).join(', ')} (and its own files)`,
  }
}
const CONTRACT_PACKAGES = ['zod']
const CORE_PACKAGES = [
  'node:[^/]+',
  'libp2p',
  '@libp2p/[^/]+',
  '@multiformats/[^/]+',
  '@chainsafe/[^/]+',
  '@noble/[^/]+',
  'classic-level',
  'flexsearch',
  'protons-runtime',
  'uint8arraylist',
  'uint8arrays',
  'ws',
  'zod',
]
const RENDERER_PACKAGES = ['react', 'react-dom', 'react-virtuoso', 'qr', 'zod']
const ELECTRON_PACKAGES = ['electron', 'node:[^/]+', 'zod']
const E2E_PACKAGES = ['@playwright/test', 'node:[^/]+']
/** `import('pkg').Type` and `/// <reference types>` reach packages without an import: not in the pure layers. */
const noTypeBackdoors = {
  'no-restricted-syntax': ['error', { selector: 'TSImportType', message: 'import types with an import declaration' }],
  '@typescript-eslint/triple-slash-reference': ['error', { lib: 'never', path: 'never', types: 'never' }],
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      '.vite/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      // generated from src/contacts/wire.proto by "npm run proto"
      'src/contacts/wire.ts',
      'src/messages/wire.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-definitions': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            uiLibs,
            electronLib,
            { group: ['../*', '!../api/*'], message: 'the contract imports only itself and pure libraries' },
            { group: ['libp2p', '@libp2p/*', 'level', 'classic-level'], message: 'the contract is plain data' },
            onlyPackages(CONTRACT_PACKAGES, 'the contract'),
          ],
        },
      ],
      ...noTypeBackdoors,
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            uiLibs,
            electronLib,
            { group: ['**/renderer/**', '**/electron/**'], message: 'the core never imports a host or the UI' },
            onlyPackages(CORE_PACKAGES, 'the core'),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            electronLib,
            {
              group: ['libp2p', '@libp2p/*', 'level', 'classic-level', 'ws'],
              message: 'the renderer reaches the core only through the API contract',
            },
            {
              group: ['**/src/*', '!**/src/api', '!**/src/api/*'],
              message: 'the renderer imports only the contract (src/api) from the core',
            },
            { group: ['**/electron/**'], message: 'the renderer never imports the Electron host' },
            onlyPackages(RENDERER_PACKAGES, 'the renderer'),
          ],
        },
      ],
      ...noTypeBackdoors,
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'text is rendered as React text nodes only',
        },
        { selector: 'TSImportType', message: 'import types with an import declaration' },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            uiLibs,
            { group: ['**/renderer/**'], message: 'electron/ only hosts; the UI is built separately' },
            onlyPackages(ELECTRON_PACKAGES, 'electron/'),
          ],
        },
      ],
    },
  },
  {
    files: ['e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/*', '!**/src/api', '!**/src/api/*'],
              message: 'e2e tests drive the app from outside; only the contract types may be imported',
            },
            onlyPackages(E2E_PACKAGES, 'e2e/'),
          ],
        },
      ],
    },
  },
)
