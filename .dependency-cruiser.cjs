// The layer rules of DESIGN.md ("Suggested layout of src/"): each folder may import only the folders its row names.
// A wrong-way import fails `npm test`.
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
const below = ['lib', 'model', 'protocol', 'sdk', 'kernel', 'store', 'session', 'charts', 'editor', 'exchange', 'ui'];

const forbidden = [
  ...Object.entries(layers).map(([layer, allowed]) => ({
    name: `${layer}-imports-only-${allowed.join('-') || 'nothing'}`,
    comment: `src/${layer} may import only ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') : 'no other src folder'} (DESIGN.md)`,
    severity: 'error',
    from: { path: `^src/${layer}/` },
    to: { path: '^src/([^/]+)/', pathNot: [`^src/(${[layer, ...allowed].join('|')})/`, '^src/env\\.d\\.ts$'] },
  })),
  ...views.map((view) => ({
    name: `${view}-view-imports-no-other-view-or-app`,
    comment: `views import the layers below them, not each other or app/ (shared parts move down to charts/ or ui/)`,
    severity: 'error',
    from: { path: `^src/${view}/` },
    to: { path: '^src/([^/]+)/', pathNot: [`^src/(${[view, ...below].join('|')})/`] },
  })),
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
    // preset (Babel is already here for vite-plugin-solid) parses the sources instead.
    babelConfig: { fileName: '.dependency-cruiser.babel.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
