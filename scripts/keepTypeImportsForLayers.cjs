// A Babel plugin for the layer check only (see .dependency-cruiser.cjs). dependency-cruiser reads TypeScript through
// Babel's TypeScript preset, which drops `import type` and `export type … from` before the imports are collected, so a
// type-only import across layers would go unseen. This turns each of them into a bare `import 'x'` first: the check
// then sees the dependency, and the code it reads stays valid JavaScript. (dependency-cruiser's own TypeScript parser
// needs the TypeScript 2–6 JavaScript API, which the native TypeScript 7 here does not have.)

/** @param {{ types: typeof import('@babel/types') }} babel */
module.exports = function keepTypeImportsForLayers({ types: t }) {
  const isTypeOnlyImport = (node) => t.isImportDeclaration(node) && node.importKind === 'type';
  const isTypeOnlyReexport = (node) =>
    (t.isExportNamedDeclaration(node) && node.source && (node.exportKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.exportKind === 'type'))))
    || (t.isExportAllDeclaration(node) && node.exportKind === 'type');
  return {
    name: 'keep-type-imports-for-layers',
    visitor: {
      // Program `enter` runs before the TypeScript preset's own pass over the statements, which would remove them.
      Program: {
        enter(path) {
          for (const statement of path.get('body')) {
            if (isTypeOnlyImport(statement.node) || isTypeOnlyReexport(statement.node)) {
              statement.replaceWith(t.importDeclaration([], t.stringLiteral(statement.node.source.value)));
            }
          }
        },
      },
    },
  };
};
