// ESLint 9 flat config. Its main job is the process boundaries:
//   - only electron/main/** and electron/preload/** may import 'electron';
//   - renderer/** may import neither Node built-ins, native/Node-only
//     packages (better-sqlite3, exceljs), nor anything under electron/.
// test/unit/lint-boundaries.test.ts proves these rules still fire.
// Other rules are kept to a minimum on purpose (tsc --strict does the rest).
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const electronOnlyInShell = {
  name: 'electron',
  message: "只有 electron/main 与 electron/preload 可以引用 'electron'；核心代码必须能在纯 Node 下运行（CLI、浏览器模式、测试）。",
};

const noElectronSyntax = [
  {
    selector: "ImportExpression[source.value='electron']",
    message: electronOnlyInShell.message,
  },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value='electron']",
    message: electronOnlyInShell.message,
  },
];

const nodeOnly = [...new Set(builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.split('/')[0]))];

const rendererRestrictions = {
  paths: [
    electronOnlyInShell,
    ...nodeOnly.map((name) => ({ name, message: '界面代码运行在浏览器沙箱中，不能使用 Node 内置模块；请通过 api/client.ts 调用核心。' })),
    { name: 'better-sqlite3', message: '界面不能直接访问数据库；请通过 api/client.ts 调用核心。' },
    { name: 'exceljs', message: '界面不能直接读写 Excel；请通过 api/client.ts 调用核心。' },
    { name: 'xlsx', message: '界面不能直接读写 Excel；请通过 api/client.ts 调用核心。' },
  ],
  patterns: [
    { regex: '^node:', message: '界面代码不能使用 Node 内置模块（node:*）。' },
    { regex: '^electron/', message: electronOnlyInShell.message },
    { regex: '^(fs|path|os|child_process)/', message: '界面代码不能使用 Node 内置模块。' },
    { regex: '(^|/)electron/', message: '界面代码不能引用 electron/ 下的主进程或核心代码；只能引用 shared/ 与 api/client.ts。' },
  ],
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'native/**', 'bench/out/**', '.tmp/**', 'coverage/**', '**/*.d.ts'],
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell], patterns: [{ regex: '^electron/', message: electronOnlyInShell.message }] }],
      'no-restricted-syntax': ['error', ...noElectronSyntax],
      'no-debugger': 'error',
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', rendererRestrictions],
      'no-restricted-syntax': [
        'error',
        ...noElectronSyntax,
        { selector: "ImportExpression[source.value=/^(node:|better-sqlite3$|exceljs$)/]", message: '界面代码不能动态引用 Node 模块。' },
        { selector: "CallExpression[callee.name='require']", message: '界面代码不使用 require。' },
      ],
    },
  },
);
