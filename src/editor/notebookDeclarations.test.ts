import { describe, expect, it } from 'vitest';
import { cellCopy, cellCopyPath, mentionedIn, notebookScopeFile, topLevelNames, type NavigationItem } from './notebookDeclarations';

const item = (text: string, kind: string, start: number): NavigationItem => ({ text, kind, spans: [{ start, length: 1 }] });

describe('topLevelNames', () => {
  it('topLevelNames keeps declarations and imports, once each, and leaves out the appended export clause', () => {
    const tree: NavigationItem = {
      text: '"cell"',
      kind: 'module',
      spans: [{ start: 0, length: 100 }],
      childItems: [item('tf', 'alias', 0), item('lr', 'let', 10), item('Net', 'class', 20), item('Point', 'interface', 30), item('lr', 'let', 80), item('gone', 'const', 90)],
    };
    expect(topLevelNames(tree, 50)).toEqual([
      { name: 'tf', kind: 'alias' },
      { name: 'lr', kind: 'let' },
      { name: 'Net', kind: 'class' },
      { name: 'Point', kind: 'interface' },
    ]);
  });

  it('topLevelNames skips default exports, quoted module names and members', () => {
    const tree: NavigationItem = { text: '"cell"', kind: 'module', spans: [], childItems: [item('default', 'function', 0), item('"mod"', 'module', 1), item('m', 'method', 2)] };
    expect(topLevelNames(tree, 50)).toEqual([]);
  });
});

describe('cellCopy', () => {
  it('cellCopy appends an export of the names on a line of its own', () => {
    expect(cellCopy('const a = 1 // note', [{ name: 'a', kind: 'const' }, { name: 'b', kind: 'function' }])).toBe('const a = 1 // note\n;export { a, b };\n');
  });

  it('cellCopy is the source itself when the cell declares nothing', () => {
    expect(cellCopy('1 + 1', [])).toBe('1 + 1');
  });
});

describe('notebookScopeFile', () => {
  it('notebookScopeFile types variables from their cell, aliases the rest, and lets the last declaring cell win', () => {
    const file = notebookScopeFile([
      { id: 'a', names: [{ name: 'tf', kind: 'alias' }, { name: 'lr', kind: 'let' }] },
      { id: 'b', names: [] },
      { id: 'c', names: [{ name: 'lr', kind: 'const' }, { name: 'Net', kind: 'class' }, { name: 'square', kind: 'function' }] },
    ]);
    expect(file).toContain("import * as cell1 from './cell-a';\n");
    expect(file).not.toContain('cell-b');
    expect(file).toContain("import * as cell3 from './cell-c';\n");
    expect(file).toContain('  export import tf = cell1.tf;\n');
    expect(file).toContain('  var lr: typeof cell3.lr;\n');
    expect(file).toContain('  export import Net = cell3.Net;\n');
    expect(file).toContain('  var square: typeof cell3.square;\n');
    expect(file).toMatch(/^import \* as labbookSdk from 'labbook';\n/);
    expect(file).toMatch(/\n\}\nexport \{\};\n$/);
  });

  it('notebookScopeFile declares the kernel globals, except those a cell redeclares', () => {
    const file = notebookScopeFile([{ id: 'a', names: [{ name: 'log', kind: 'function' }] }]);
    expect(file).toContain('  var init: typeof labbookSdk.init;\n');
    expect(file).toContain('  export import labbook = labbookSdk;\n');
    expect(file).toContain('  function display(...values: unknown[]): void;\n');
    expect(file).toContain('  var log: typeof cell1.log;\n');
    expect(file).not.toContain('labbookSdk.log');
  });

  it('notebookScopeFile names cell modules apart from the names the cells declare', () => {
    const file = notebookScopeFile([{ id: 'a', names: [{ name: 'cell1', kind: 'const' }] }]);
    expect(file).toContain("import * as cell_1 from './cell-a';\n");
    expect(file).toContain('  var cell1: typeof cell_1.cell1;\n');
  });
});

describe('cellCopyPath', () => {
  it('cellCopyPath puts copies beside the scope file, with a safe file name', () => {
    expect(cellCopyPath('x1/y')).toBe('file:///labbook/notebook/cell-x1_y.ts');
  });
});

describe('mentionedIn', () => {
  it('finds a name as a whole identifier in any of the sources, not inside a longer one', () => {
    expect(mentionedIn('shared', ['const y = shared + 1;'])).toBe(true);
    expect(mentionedIn('shared', ['sharedThing()', 'unshared', 'a.$shared'])).toBe(false);
    expect(mentionedIn('$x', ['f($x)'])).toBe(true);
    expect(mentionedIn('lonely', [])).toBe(false);
  });
});
