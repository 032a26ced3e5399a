import { describe, expect, it } from 'vitest';
import { describeError, executeSource, positionInSource, sourceName } from './executor';

/** The error a source throws when executed, so tests read the stack V8 really produces. */
async function thrownBy(code: string, executionId: number, scope: Record<string, unknown> = {}): Promise<unknown> {
  try {
    await executeSource({ executionId, code, scope });
  } catch (thrown) {
    return thrown;
  }
  throw new Error('expected the source to throw');
}

describe('executeSource', () => {
  it('executeSource({code}) resolves to the value of a top-level return', async () => {
    expect(await executeSource({ executionId: 1, code: 'const x = 20;\nreturn x + 1;', scope: {} })).toBe(21);
  });

  it('executeSource({code}) without return resolves to undefined', async () => {
    expect(await executeSource({ executionId: 1, code: '1 + 1;', scope: {} })).toBeUndefined();
  });

  it('executeSource({code}) supports top-level await', async () => {
    const code = 'const v = await new Promise((resolve) => setTimeout(() => resolve(7), 1));\nreturn v * 2;';
    expect(await executeSource({ executionId: 2, code, scope: {} })).toBe(14);
  });

  it('executeSource({scope}) makes scope names visible as free variables', async () => {
    const calls: number[] = [];
    const scope = { base: 40, record: (n: number) => calls.push(n) };
    expect(await executeSource({ executionId: 3, code: 'record(base);\nreturn base + 2;', scope })).toBe(42);
    expect(calls).toEqual([40]);
  });

  it('executeSource({code}) ending in a line comment still runs (the sourceURL is on its own line)', async () => {
    expect(await executeSource({ executionId: 4, code: 'return 5; // done', scope: {} })).toBe(5);
  });

  it('executeSource({code}) rejects with what the code throws', async () => {
    await expect(executeSource({ executionId: 5, code: 'throw new RangeError("nope");', scope: {} })).rejects.toThrow(RangeError);
  });
});

describe('positionInSource', () => {
  it('positionInSource(stack of a real error, id) points at the throwing line and column of the user source', async () => {
    const code = 'const a = 1;\nconst b = a + 1;\n    throw new Error("boom");\nreturn b;';
    const thrown = (await thrownBy(code, 11, { unused: 0 })) as Error;
    expect(thrown.stack).toContain(sourceName(11));
    // Column of `new`: V8 records where the Error was constructed.
    expect(positionInSource(thrown.stack ?? '', 11)).toEqual({ line: 3, column: 11 });
  });

  it('positionInSource(stack, id) on the first line keeps the column unshifted', async () => {
    const thrown = (await thrownBy('null.x;', 12)) as Error;
    expect(positionInSource(thrown.stack ?? '', 12)).toEqual({ line: 1, column: 6 });
  });

  it('positionInSource(stack, id) takes the innermost frame inside the source', async () => {
    const code = 'const f = () => {\n  undefinedName();\n};\nf();';
    const thrown = (await thrownBy(code, 13)) as Error;
    expect(positionInSource(thrown.stack ?? '', 13)).toEqual({ line: 2, column: 3 });
  });

  it('positionInSource(stack, id) ignores frames of another execution and is null without any', () => {
    const stack = 'Error: x\n    at eval (labbook-cell-21.js:5:2)\n    at run (kernel.js:1:1)';
    expect(positionInSource(stack, 2)).toBeNull();
    expect(positionInSource(stack, 21)).toEqual({ line: 3, column: 2 });
    expect(positionInSource('', 1)).toBeNull();
  });

  it('positionInSource(stack, id) treats the dot of the source name literally', () => {
    expect(positionInSource('at eval (labbook-cell-3Xjs:9:9)', 3)).toBeNull();
  });
});

describe('describeError', () => {
  it('describeError(error, id) keeps name and message and locates it in the source', async () => {
    const thrown = await thrownBy('\nconst t = 1;\nt = 2;', 31);
    expect(describeError(thrown, 31)).toEqual({ name: 'TypeError', message: 'Assignment to constant variable.', position: { line: 3, column: 3 } });
  });

  it('describeError(error, id) words the message in the user\'s names, not the compiled `__scope.name`', () => {
    expect(describeError(new TypeError('__scope.nope.toFixed is not a function'), 1).message).toBe('nope.toFixed is not a function');
    expect(describeError(new TypeError('Cannot read properties of undefined (reading \'x\') in __scope.a + __scope.b'), 1).message).toBe("Cannot read properties of undefined (reading 'x') in a + b");
  });

  it('describeError(error from outside the source, id) has no position', () => {
    expect(describeError(new SyntaxError('bad'), 1)).toEqual({ name: 'SyntaxError', message: 'bad', position: null });
  });

  it('describeError(non-Error, id) is an "uncaught" Error without position', () => {
    expect(describeError('oops', 1)).toEqual({ name: 'Error', message: 'uncaught oops', position: null });
    expect(describeError(42, 1)).toEqual({ name: 'Error', message: 'uncaught 42', position: null });
    expect(describeError(undefined, 1)).toEqual({ name: 'Error', message: 'uncaught undefined', position: null });
    expect(describeError(null, 1)).toEqual({ name: 'Error', message: 'uncaught null', position: null });
  });

  it('describeError(thrown object, id) shows its contents and never throws itself', () => {
    expect(describeError({ code: 3 }, 1)).toEqual({ name: 'Error', message: 'uncaught { code: 3 }', position: null });
    // String() throws on an object without a prototype; describeError runs in the kernel's catch block, so it must not.
    const bare = Object.create(null) as Record<string, unknown>;
    bare.reason = 'x';
    expect(describeError(bare, 1)).toEqual({ name: 'Error', message: 'uncaught { reason: "x" }', position: null });
  });
});
