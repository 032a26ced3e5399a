import { errorMessage } from '../lib/errorMessage';
import { parse, type Node as AcornNode } from 'acorn';
import { fullAncestor } from 'acorn-walk';
import type * as ESTree from 'estree';
import isReference from 'is-reference';
import MagicString from 'magic-string';
import { analyze, type Scope } from 'periscopic';
import { transform } from 'sucrase';
import { sourcePositionMapper, type PositionMapper } from './positionMapper';

/** Name of the object that holds the notebook's top-level names across cells. */
export const SCOPE_PARAM = '__scope';
/** Name of the function that resolves a cell's bare imports to bundled modules. */
export const IMPORT_PARAM = '__import';

/** Options of compileCell. */
export interface CompileCellOptions {
  language: 'typescript' | 'javascript';
  /** Top-level names defined by earlier cells (and the SDK), which this cell's free references resolve to. */
  scopeNames: ReadonlySet<string>;
}

/** A cell turned into the body of `async (__scope, __import) => …`. */
export interface CompiledCell {
  code: string;
  /** Top-level names the cell defines (what later cells can read). */
  declared: string[];
  /** Names the cell reads without defining them (from earlier cells or globals). */
  freeNames: string[];
  /** Maps a 1-based line and column of `code` back to the cell's source. */
  mapPosition: PositionMapper;
}

/** A cell that does not parse; nothing of it ran. Line and column are 1-based, in the cell. */
export class CellSyntaxError extends SyntaxError {
  override name = 'SyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

type Node = ESTree.Node & { start: number; end: number };

/**
 * Compiles a notebook cell so that its top-level names live in a scope shared by all cells (Jupyter's model):
 * - TypeScript is stripped with sucrase, which keeps line numbers;
 * - `const/let/var x = …`, top-level functions and classes become properties of `__scope`, so re-running a cell
 *   re-declares them without "already declared" errors, and every reference to a top-level name (also from inside
 *   functions, as long as a local does not shadow it) reads `__scope.x`;
 * - `import … from 'pkg'` becomes a lookup in the bundled module map;
 * - a final expression statement becomes the cell's return value, which the notebook displays (an explicit top-level
 *   `return` works too).
 * The result runs inside an async function, so top-level await works.
 */
export function compileCell(source: string, options: CompileCellOptions): CompiledCell {
  const js = options.language === 'typescript' ? stripTypes(source) : source;
  const program = parseProgram(js);
  const { map, scope: root, globals } = analyze(program as unknown as ESTree.Node);
  const declared = new Set(root.declarations.keys());
  const edit = new MagicString(js);
  const rewritten = new Set<number>();
  const inScope = (name: string, owner: Scope | null) => owner === root || (owner === null && (declared.has(name) || options.scopeNames.has(name)));

  for (const statement of program.body as Node[]) rewriteTopLevel(statement, edit, declared);

  fullAncestor(program as unknown as AcornNode, (raw, _state, ancestors) => {
    const node = raw as unknown as Node;
    if (node.type !== 'Identifier') return;
    const parent = ancestors[ancestors.length - 2] as unknown as Node | undefined;
    if (!parent || !isReference(node, parent) || isDeclarationName(node, parent) || rewritten.has(node.start)) return;
    if (ancestors.some((a) => (a as unknown as Node).type === 'ImportDeclaration')) return;
    if (!inScope(node.name, scopeOf(ancestors as unknown as Node[], map)?.find_owner(node.name) ?? root.find_owner(node.name))) return;
    rewritten.add(node.start);
    const shorthand = isShorthandValue(node, ancestors as unknown as Node[]);
    edit.overwrite(node.start, node.end, `${shorthand ? `${node.name}: ` : ''}${SCOPE_PARAM}.${node.name}`, { contentOnly: true });
  });

  returnLastExpression(program.body as Node[], edit, js);
  return {
    code: edit.toString(),
    declared: [...declared],
    freeNames: [...globals.keys()].filter((name) => !declared.has(name)),
    mapPosition: sourcePositionMapper(edit.generateDecodedMap({ hires: true })),
  };
}

function stripTypes(source: string): string {
  try {
    return transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (error) {
    const message = errorMessage(error);
    const at = /\((\d+):(\d+)\)/.exec(message);
    throw new CellSyntaxError(message.replace(/^Error transforming .*?: /, '').replace(/ \(\d+:\d+\)$/, ''), at ? Number(at[1]) : 1, at ? Number(at[2]) + 1 : 1);
  }
}

function parseProgram(js: string): ESTree.Program {
  try {
    return parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true, locations: true }) as unknown as ESTree.Program;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error as Error).message.replace(/ \(\d+:\d+\)$/, '');
    throw new CellSyntaxError(message, loc?.line ?? 1, (loc?.column ?? 0) + 1);
  }
}

/** The innermost scope periscopic made for one of the identifier's ancestors. */
function scopeOf(ancestors: Node[], map: WeakMap<ESTree.Node, Scope>): Scope | undefined {
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const scope = map.get(ancestors[i]!);
    if (scope) return scope;
  }
  return undefined;
}

/**
 * True for the `x` of `{ x }` or `{ x = 1 }` (object literal or destructuring pattern), which must become
 * `{ x: __scope.x }`. acorn-walk does not visit the Property of a pattern, so the object is searched by position.
 */
function isShorthandValue(node: Node, ancestors: Node[]): boolean {
  for (const ancestor of [ancestors[ancestors.length - 2], ancestors[ancestors.length - 3]]) {
    if (ancestor?.type === 'Property') return ancestor.shorthand && (ancestor.key as Node).start === node.start;
    if (ancestor?.type === 'ObjectPattern' || ancestor?.type === 'ObjectExpression') {
      return ancestor.properties.some((p) => p.type === 'Property' && p.shorthand && (p.key as Node).start === node.start);
    }
  }
  return false;
}

/** Names that declare rather than reference: a function's or class's own name stays as written. */
function isDeclarationName(node: Node, parent: Node): boolean {
  return (
    (parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression' || parent.type === 'ClassDeclaration' || parent.type === 'ClassExpression') &&
    parent.id === node
  );
}

function rewriteTopLevel(statement: Node, edit: MagicString, declared: Set<string>): void {
  switch (statement.type) {
    case 'ImportDeclaration':
      rewriteImport(statement as ESTree.ImportDeclaration & Node, edit, declared);
      return;
    case 'VariableDeclaration':
      rewriteVariables(statement as ESTree.VariableDeclaration & Node, edit, 'statement');
      return;
    case 'FunctionDeclaration': {
      // Declarations are hoisted inside the cell, so the scope gets the function before any line of the cell runs.
      const name = (statement as ESTree.FunctionDeclaration).id!.name;
      edit.prependLeft(0, `${SCOPE_PARAM}.${name} = ${name}; `);
      return;
    }
    case 'ClassDeclaration':
      edit.prependLeft(statement.start, `${SCOPE_PARAM}.${(statement as ESTree.ClassDeclaration).id!.name} = `);
      return;
    default:
      rewriteNestedVars(statement, edit);
  }
}

/** `var` inside top-level blocks and loop heads belongs to the cell's top level too. */
function rewriteNestedVars(statement: Node, edit: MagicString): void {
  fullAncestor(statement as unknown as AcornNode, (raw, _state, ancestors) => {
    const node = raw as unknown as Node;
    if (node.type !== 'VariableDeclaration' || (node as ESTree.VariableDeclaration).kind !== 'var') return;
    const insideFunction = ancestors.slice(0, -1).some((a) => /Function|Class/.test((a as unknown as Node).type));
    if (insideFunction) return;
    const parent = ancestors[ancestors.length - 2] as unknown as Node;
    const loopHead = (parent.type === 'ForInStatement' || parent.type === 'ForOfStatement') && (parent as ESTree.ForInStatement).left === (node as unknown);
    const place: VariablePlace = loopHead ? 'forInOf' : parent.type === 'ForStatement' ? 'forInit' : 'statement';
    rewriteVariables(node as ESTree.VariableDeclaration & Node, edit, place);
  });
}

/** Where a rewritten declaration sits: its own statement, a `for (…;` head, or a `for (… of/in` head. */
type VariablePlace = 'statement' | 'forInit' | 'forInOf';

/**
 * `const a = 1, { b } = c;` → `;(a = 1), ({ b } = c);` (the identifiers themselves become `__scope.x`); the leading
 * `;` keeps a parenthesis from continuing the previous line's expression.
 */
function rewriteVariables(declaration: ESTree.VariableDeclaration & Node, edit: MagicString, place: VariablePlace): void {
  const keywordEnd = declaration.start + declaration.kind.length;
  if (place === 'statement') edit.overwrite(declaration.start, keywordEnd, ';');
  else edit.remove(declaration.start, keywordEnd);
  if (place === 'forInOf') return;
  for (const declarator of declaration.declarations as (ESTree.VariableDeclarator & Node)[]) {
    if (declarator.init) {
      edit.prependRight(declarator.start, '(');
      edit.appendLeft(declarator.end, ')');
    } else {
      edit.appendLeft(declarator.end, ' = undefined');
    }
  }
}

function rewriteImport(declaration: ESTree.ImportDeclaration & Node, edit: MagicString, declared: Set<string>): void {
  const module = `${IMPORT_PARAM}(${JSON.stringify(declaration.source.value)})`;
  const parts = declaration.specifiers.map((specifier) => {
    declared.add(specifier.local.name);
    const target = `${SCOPE_PARAM}.${specifier.local.name}`;
    if (specifier.type === 'ImportNamespaceSpecifier') return `${target} = ${module};`;
    if (specifier.type === 'ImportDefaultSpecifier') return `${target} = ${module}.default ?? ${module};`;
    const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
    return `${target} = ${module}[${JSON.stringify(imported)}];`;
  });
  edit.overwrite(declaration.start, declaration.end, parts.length > 0 ? parts.join(' ') : `${module};`);
}

function returnLastExpression(body: Node[], edit: MagicString, js: string): void {
  const last = body[body.length - 1];
  if (last?.type !== 'ExpressionStatement') return;
  // From the statement's start, not the expression's: `({ a: 1 })` starts at its parenthesis.
  const end = js[last.end - 1] === ';' ? last.end - 1 : last.end;
  edit.prependLeft(last.start, 'return (');
  edit.appendRight(end, ')');
}
