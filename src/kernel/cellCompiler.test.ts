import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CellSyntaxError, compileCell } from './cellCompiler';

const GOLDEN = join(import.meta.dirname, 'cellCompiler.golden');
const SCOPE = new Set(['console', 'init', 'wandb', 'labbook', 'other', 'bias']);

function render(source: string): string {
  const compiled = compileCell(source, { language: 'typescript', scopeNames: SCOPE });
  return `${compiled.code}\n// declared: ${[...compiled.declared].sort().join(', ')}\n// free: ${[...compiled.freeNames].sort().join(', ')}\n`;
}

/** Set to rewrite the expected outputs after an intended change of the compiler's output. */
const UPDATE_FLAG = 'LABBOOK_UPDATE_GOLDENS';
const updating = process.env[UPDATE_FLAG] === '1';
const cellFiles = readdirSync(GOLDEN).filter((f) => f.endsWith('.cell'));
const outputFiles = readdirSync(GOLDEN).filter((f) => f.endsWith('.js.txt'));

describe(`compileCell golden files (cellCompiler.golden/NAME.cell → NAME.js.txt; ${UPDATE_FLAG}=1 rewrites them)`, () => {
  it('the golden folder holds inputs and no output whose input is gone', () => {
    expect(cellFiles.length).toBeGreaterThanOrEqual(6);
    const inputs = new Set(cellFiles.map((f) => f.replace(/\.cell$/, '')));
    expect(outputFiles.filter((f) => !inputs.has(f.replace(/\.js\.txt$/, '')))).toEqual([]);
  });

  for (const file of cellFiles) {
    it(`compileCell(${file}) matches its golden output`, () => {
      const expectedPath = join(GOLDEN, file.replace(/\.cell$/, '.js.txt'));
      const actual = render(readFileSync(join(GOLDEN, file), 'utf8'));
      if (updating) writeFileSync(expectedPath, actual);
      if (!existsSync(expectedPath)) {
        throw new Error(`golden output ${expectedPath} is missing: check the compiler's output, then create it with ${UPDATE_FLAG}=1`);
      }
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});

describe('compileCell', () => {
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...a: string[]) => (...args: unknown[]) => Promise<unknown>;
  const run = async (source: string, scope: Record<string, unknown>) => {
    const compiled = compileCell(source, { language: 'typescript', scopeNames: new Set(Object.keys(scope)) });
    for (const name of compiled.declared) scope[name] ??= undefined;
    return new AsyncFunction('__scope', '__import', compiled.code)(scope, (m: string) => ({ m }));
  };

  it('compileCell keeps top-level names across cells and re-running a cell re-declares them', async () => {
    const scope: Record<string, unknown> = {};
    await run('const x = 1; function double(v: number) { return v * 2; }', scope);
    expect(await run('double(x) + 1', scope)).toBe(3);
    await run('const x = 10;', scope);
    expect(await run('double(x)', scope)).toBe(20);
  });

  it('compileCell makes a function see later changes of a top-level variable from another cell', async () => {
    const scope: Record<string, unknown> = {};
    await run('let count = 0; function bump() { count++; }', scope);
    await run('bump(); bump();', scope);
    expect(await run('count', scope)).toBe(2);
  });

  it('compileCell supports top-level await and returns the last expression', async () => {
    expect(await run('const v = await Promise.resolve(41);\nv + 1', {})).toBe(42);
    expect(await run('const v = 1;', {})).toBeUndefined();
  });

  it('compileCell turns imports into module lookups', async () => {
    expect(await run("import * as tf from '@tensorflow/tfjs';\ntf", {})).toEqual({ m: '@tensorflow/tfjs' });
  });

  it('compileCell rejects a syntax error with its line and column, running nothing', () => {
    try {
      compileCell('const a = 1;\nconst b = ;\n', { language: 'javascript', scopeNames: new Set() });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CellSyntaxError);
      expect((error as CellSyntaxError).line).toBe(2);
      expect((error as CellSyntaxError).column).toBe(11);
    }
  });

  it('compileCell reports a TypeScript syntax error at its line', () => {
    try {
      compileCell('let a: number = 1;\nlet b: = 2;', { language: 'typescript', scopeNames: new Set() });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CellSyntaxError);
      expect((error as CellSyntaxError).line).toBe(2);
    }
  });

  it('compileCell maps a position in the generated code back to the cell', () => {
    const compiled = compileCell('const a = 1;\nconst b = missing.value;', { language: 'javascript', scopeNames: new Set() });
    const line = compiled.code.split('\n')[1]!;
    const generatedColumn = line.indexOf('missing') + 1;
    expect(compiled.mapPosition(2, generatedColumn)).toEqual({ line: 2, column: 11 });
  });
});
