import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectEditorTypings } from '../../scripts/editorTypingsPlugin';
import { cellCopy, cellCopyPath, notebookScopeFile, NOTEBOOK_SCOPE_PATH, topLevelNames } from './notebookDeclarations';
import { createCellChecker, type CellChecker } from './testLanguageService';

// What the editor shows for notebook cells, checked with the TypeScript Monaco's worker runs, the shipped typings
// (tfjs's from node_modules, labbook's emitted from src/sdk) and the notebook scope file made as notebookScope does.

const root = fileURLToPath(new URL('../..', import.meta.url));
let checker: CellChecker;

const cellPath = (id: string) => `file:///labbook/cells/${id}.ts`;

/** Puts cells in the checker as the editor has them: a model each, and the scope file made from their copies. */
function setNotebook(cells: Record<string, string>): void {
  const scopeCells = Object.entries(cells).map(([id, source]) => {
    checker.setFile(cellPath(id), source);
    checker.setFile(cellCopyPath(id), source);
    return { id, names: topLevelNames(checker.navigationTree(cellCopyPath(id)), source.length) };
  });
  for (const cell of scopeCells) checker.setFile(cellCopyPath(cell.id), cellCopy(cells[cell.id]!, cell.names));
  checker.setFile(NOTEBOOK_SCOPE_PATH, notebookScopeFile(scopeCells));
}

const errorsOf = (id: string) => checker.errors(cellPath(id)).map((e) => `${e.text}: ${e.message}`);

beforeAll(async () => {
  checker = await createCellChecker({ ...collectEditorTypings(root).typings });
  setNotebook({ warm: '' });
  checker.errors(cellPath('warm'));
}, 120_000);

describe('cell editor types', { timeout: 30_000 }, () => {
  it('`tf.tensr1d` is an error that names tensor1d, and fixing the typo clears it', () => {
    setNotebook({ a: "import * as tf from '@tensorflow/tfjs';\nconst t = tf.tensr1d([1]);" });
    expect(errorsOf('a')).toEqual([expect.stringMatching(/^tensr1d: Property 'tensr1d' does not exist .*Did you mean 'tensor1d'\?/)]);
    setNotebook({ a: "import * as tf from '@tensorflow/tfjs';\nconst t = tf.tensor1d([1]);" });
    expect(errorsOf('a')).toEqual([]);
  });

  it('a wrongly typed value is an error', () => {
    setNotebook({ a: "const x: number = 'a';" });
    expect(errorsOf('a')).toEqual(["x: Type 'string' is not assignable to type 'number'."]);
  });

  it('`tf.` completes tensor1d, and hovering tf.tensor2d shows its signature and documentation', () => {
    const source = "import * as tf from '@tensorflow/tfjs';\ntf.tensor2d([[1]]);";
    setNotebook({ a: source });
    expect(checker.completions(cellPath('a'), source.indexOf('tensor2d'))).toContain('tensor1d');
    const hover = checker.quickInfo(cellPath('a'), source.indexOf('tensor2d') + 2);
    expect(hover).toMatch(/^\(alias\) tensor2d\(values: TensorLike2D, shape\?: \[number, number\], dtype\?: tf.DataType\): tf.Tensor2D/);
    expect(hover).toMatch(/Creates rank-2/);
  });

  it('labbook resolves with the SDK types: init takes InitOptions and returns a Run', () => {
    setNotebook({ a: "import { init } from 'labbook';\nconst run = await init({ project: 'p', config: { lr: 0.1 } });\nrun.log({ loss: 1 }, { commit: false });\nawait run.finish();" });
    expect(errorsOf('a')).toEqual([]);
    setNotebook({ a: "import { init } from 'labbook';\nawait init({ projct: 'p' });" });
    expect(errorsOf('a')).toEqual([expect.stringMatching(/^projct: Object literal may only specify known properties/)]);
  });

  it('the kernel globals are known without imports, with their SDK types; page-only globals are not', () => {
    const source = [
      "const run = await init({ project: 'p' });",
      'log({ loss: 1 });',
      'wandb.log({ acc: 1 });',
      "for (const i of progress([1, 2], { label: 'items' })) display(i, 'two');",
      'const image: Image = new Image([[0, 1]]);',
      'const other: labbook.Run = run;',
      'await finish();',
      'console.log(1);',
    ].join('\n');
    setNotebook({ a: source });
    expect(errorsOf('a')).toEqual([]);
    expect(checker.quickInfo(cellPath('a'), source.indexOf('init'))).toMatch(/^var init: \(options\?: labbook.InitOptions\) => Promise<labbook.Run>\nStarts a run/);
    setNotebook({ a: 'document.title;' });
    expect(errorsOf('a')).toEqual([expect.stringMatching(/^document: Cannot find name 'document'/)]);
  });

  it('names declared at the top level of other cells are known in every cell, with their types', () => {
    setNotebook({
      a: "import * as tf from '@tensorflow/tfjs';\nlet lr = 0.1;\nfunction square(x: number) { return x * x; }\nclass Net { layers = 2; }\ninterface Point { x: number }\nconst { a: first, ...others } = { a: 1, b: 2 };",
      b: 'const t: tf.Tensor = tf.zeros([2]);\nlr = 0.2;\nsquare(lr).toFixed();\nconst net: Net = new Net();\nconst p: Point = { x: net.layers + first + others.b };\nlr.foo;',
    });
    expect(errorsOf('a')).toEqual([]);
    expect(errorsOf('b')).toEqual(["foo: Property 'foo' does not exist on type 'number'."]);
  });

  it('re-declaring a name in another cell, importing again, top-level await and return are no errors', () => {
    setNotebook({
      a: "import * as tf from '@tensorflow/tfjs';\nconst x = 1;\nfunction f() {}",
      b: "import * as tf from '@tensorflow/tfjs';\nconst x = await Promise.resolve('text');\nfunction f() {}\nx.toUpperCase();\nif (x) return tf.version;",
    });
    expect(errorsOf('a')).toEqual([]);
    expect(errorsOf('b')).toEqual([]);
  });

  it('a cell that re-declares a kernel global gives the other cells its own type', () => {
    setNotebook({ a: 'const log = (message: string) => message.length;', b: 'log("x").toFixed();' });
    expect(errorsOf('b')).toEqual([]);
  });

  it('a name removed from a cell is unknown again in the others', () => {
    setNotebook({ a: 'const gone = 1;', b: 'gone;' });
    expect(errorsOf('b')).toEqual([]);
    setNotebook({ a: '', b: 'gone;' });
    expect(errorsOf('b')).toEqual(["gone: Cannot find name 'gone'."]);
  });
});
