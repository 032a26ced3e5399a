import { KERNEL_GLOBALS, SDK_IMPORT } from './kernelGlobals';

const SCOPE_DIRECTORY = 'file:///labbook/notebook';
/** Where the notebook scope file lives in the editor's TypeScript (its cell copies sit beside it). */
export const NOTEBOOK_SCOPE_PATH = `${SCOPE_DIRECTORY}/scope.d.ts`;

/** A top-level declaration of a cell, named and kinded as TypeScript's navigation tree does (`const`, `alias`, `class`…). */
export interface DeclaredName {
  name: string;
  kind: string;
}

/** The part of a TypeScript navigation tree (Monaco worker's getNavigationTree) this module reads. */
export interface NavigationItem {
  text: string;
  kind: string;
  spans: readonly { start: number; length: number }[];
  childItems?: readonly NavigationItem[];
}

/** A TypeScript cell as the scope file sees it: its id and what it declares at the top level. */
export interface ScopeCell {
  id: string;
  names: readonly DeclaredName[];
}

/** Kinds whose global is a typed variable (assignable from another cell, as at run time); other kinds become aliases. */
const VARIABLE_KINDS = new Set(['const', 'let', 'var', 'using', 'await using', 'function']);
const ALIAS_KINDS = new Set(['alias', 'class', 'interface', 'type', 'enum', 'module']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The file name (without `.ts`) of a cell's copy. */
function cellCopyName(cellId: string): string {
  return `cell-${cellId.replace(/[^\w-]/g, '_')}`;
}

/** The path of a cell's copy: the cell's source with its top-level names exported. */
export function cellCopyPath(cellId: string): string {
  return `${SCOPE_DIRECTORY}/${cellCopyName(cellId)}.ts`;
}

/**
 * The top-level names in the navigation tree of a cell's copy, leaving out the export clause appended after
 * `sourceLength` (so a name deleted from the cell does not live on through its own export).
 */
export function topLevelNames(tree: NavigationItem, sourceLength: number): DeclaredName[] {
  const names = new Map<string, DeclaredName>();
  for (const item of tree.childItems ?? []) {
    const inSource = item.spans.some((span) => span.start < sourceLength);
    if (inSource && IDENTIFIER.test(item.text) && item.text !== 'default' && (VARIABLE_KINDS.has(item.kind) || ALIAS_KINDS.has(item.kind))) {
      names.set(item.text, { name: item.text, kind: item.kind });
    }
  }
  return [...names.values()];
}

/** A cell's copy: its source, then an export of its top-level names, which the scope file imports to type them. */
export function cellCopy(source: string, names: readonly DeclaredName[]): string {
  // On its own line after a `;`, so the clause neither ends a line comment nor continues the cell's last expression.
  return names.length === 0 ? source : `${source}\n;export { ${names.map((n) => n.name).join(', ')} };\n`;
}

/**
 * The notebook scope file: every cell is a module of its own, so what the cells declare at the top level is made
 * global here, typed from the copy of the cell that declares it (the last such cell when several do, as the latest
 * definition usually wins at run time); then the kernel's globals that no cell redeclares. A cell's own declaration
 * of a name shadows the global one, so re-declaring a name in another cell is no error.
 */
export function notebookScopeFile(cells: readonly ScopeCell[]): string {
  const declaring = new Map<string, { cell: number; kind: string }>();
  cells.forEach((cell, index) => {
    for (const { name, kind } of cell.names) declaring.set(name, { cell: index, kind });
  });
  let prefix = 'cell';
  while ([...declaring.keys()].some((name) => new RegExp(`^${prefix}\\d+$`).test(name))) prefix += '_';
  const moduleName = (index: number) => `${prefix}${index + 1}`;

  const imports = [`import * as ${SDK_IMPORT} from 'labbook';`];
  cells.forEach((cell, index) => {
    if ([...declaring.values()].some((d) => d.cell === index)) imports.push(`import * as ${moduleName(index)} from './${cellCopyName(cell.id)}';`);
  });
  const globals = [...declaring].map(([name, { cell, kind }]) =>
    VARIABLE_KINDS.has(kind) ? `var ${name}: typeof ${moduleName(cell)}.${name};` : `export import ${name} = ${moduleName(cell)}.${name};`,
  );
  for (const [name, declaration] of Object.entries(KERNEL_GLOBALS)) if (!declaring.has(name)) globals.push(declaration);
  return `${imports.join('\n')}\ndeclare global {\n${globals.map((g) => `  ${g.replace(/\n/g, '\n  ')}`).join('\n')}\n}\nexport {};\n`;
}

/** Whether any of these sources mentions `name` as a whole identifier (a cheap stand-in for "reads it"). */
export function mentionedIn(name: string, sources: readonly string[]): boolean {
  const word = new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  return sources.some((source) => word.test(source));
}
