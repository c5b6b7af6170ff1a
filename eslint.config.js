// The linter `npm test` runs (zero warnings allowed): typescript-eslint's recommended rules on every
// TypeScript file, and the Rules of Hooks on the client. Type-aware rules are left out: the
// type-checker (TypeScript 7, `tsc`) already runs in `npm test`, and they would need a second,
// slower program (typescript-eslint runs on TypeScript 6's API, aliased as `typescript`).
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules/**', 'client/dist/**', 'dist/**', 'data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a callback's unused argument).
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // The Rules of Hooks and complete effect dependencies. The React Compiler's rules in the plugin's
    // newer preset (no ref reads during render, no setState in effects) flag the workspace's
    // deliberate latest-value refs — keys pressed faster than React renders read them — and are
    // left for a change that moves those to useEffectEvent with its own browser tests.
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
