// The layer rules (docs/architecture.md): each folder of src/ may import only the folders its row names, type-only
// imports included. A wrong-way import fails `npm test`.
const views = ['notebook', 'workspace', 'runs', 'tables', 'reports', 'sweeps'];
const layers = {
  lib: [],
  model: ['lib'],
  protocol: ['lib', 'model'],
  sdk: ['lib', 'model', 'protocol'],
  kernel: ['lib', 'model', 'protocol', 'sdk'],
  store: ['lib', 'model'],
  session: ['lib', 'model', 'protocol', 'store'],
  charts: ['lib', 'model', 'ui'],
  editor: ['lib'],
  exchange: ['lib', 'model', 'store'],
  ui: ['lib'],
};
// Helpers only tests import (test runs, fake kernels, canvases) are held to no layer, as tests are not, but shipped code
// must never import them.
const testHelper = '/test[A-Z][^/]*\\.tsx?$';
const below = ['lib', 'model', 'protocol', 'sdk', 'kernel', 'store', 'session', 'charts', 'editor', 'exchange', 'ui'];
// Inside model/, one folder per domain: a run's record first, then what builds on it.
const modelParts = {
  runs: [],
  history: [],
  notebook: [],
  runTable: ['runs'],
  workspace: ['runs', 'runTable', 'history'],
  tables: ['runs', 'runTable'],
};

const forbidden = [
  ...Object.entries(layers).map(([layer, allowed]) => ({
    name: `${layer}-imports-only-${allowed.join('-') || 'nothing'}`,
    comment: `src/${layer} may import only ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') : 'no other src folder'} (DESIGN.md)`,
    severity: 'error',
    from: { path: `^src/${layer}/`, pathNot: testHelper },
    to: { path: '^src/([^/]+)/', pathNot: [`^src/(${[layer, ...allowed].join('|')})/`, '^src/env\\.d\\.ts$'] },
  })),
  ...views.map((view) => ({
    name: `${view}-view-imports-no-other-view-or-app`,
    comment: `views import the layers below them, not each other or app/ (shared parts move down to charts/ or ui/)`,
    severity: 'error',
    from: { path: `^src/${view}/`, pathNot: testHelper },
    to: { path: '^src/([^/]+)/', pathNot: [`^src/(${[view, ...below].join('|')})/`] },
  })),
  ...Object.entries(modelParts).map(([part, allowed]) => ({
    name: `model-${part}-imports-only-${allowed.join('-') || 'itself'}`,
    comment: `src/model/${part} may import only ${allowed.length ? allowed.map((a) => `src/model/${a}`).join(', ') : 'itself'} within src/model`,
    severity: 'error',
    from: { path: `^src/model/${part}/`, pathNot: testHelper },
    to: { path: '^src/model/', pathNot: [`^src/model/(${[part, ...allowed].join('|')})/`] },
  })),
  {
    name: 'test-helpers-only-in-tests',
    comment: 'test helpers (test*.ts) are for tests and other test helpers; shipped code never imports them',
    severity: 'error',
    from: { path: '^src/', pathNot: testHelper },
    to: { path: testHelper },
  },
  {
    name: 'bench-code-only-in-bench-build',
    comment: 'bench/ code reaches the app only through app/main.tsx, under the bench build mode, so it never ships',
    severity: 'error',
    from: { path: '^src/', pathNot: '^src/app/main\\.tsx$' },
    to: { path: '^bench/' },
  },
  {
    name: 'no-circular',
    severity: 'error',
    from: {},
    to: { circular: true },
  },
];

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    // TypeScript 7 is a native compiler without the JS API dependency-cruiser parses with, so Babel's TypeScript
    // preset (Babel is already here for vite-plugin-solid) reads the sources instead, with a small plugin that keeps
    // type-only imports visible to these rules (scripts/keepTypeImportsForLayers.cjs).
    babelConfig: { fileName: '.dependency-cruiser.babel.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
