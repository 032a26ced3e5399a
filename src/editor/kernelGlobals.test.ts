import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNEL_GLOBALS } from './kernelGlobals';

/** The names of the kernel's `scope` object literal, read from its source (the editor may not import the kernel). */
function kernelScopeNames(): string[] {
  const source = readFileSync(new URL('../kernel/kernel.ts', import.meta.url), 'utf8');
  const literal = /const scope: Record<string, unknown> = \{\n([\s\S]*?)\n\s*\};/.exec(source);
  if (!literal) throw new Error('src/kernel/kernel.ts no longer has `const scope: Record<string, unknown> = { … };`: update this test');
  return literal[1]!.split('\n').map((line) => /^\s*(\w+)\s*[,:]/.exec(line)?.[1]).filter((name): name is string => name !== undefined);
}

describe('KERNEL_GLOBALS', () => {
  it('KERNEL_GLOBALS declares every name the kernel puts in a cell scope (console comes from the worker lib)', () => {
    expect(Object.keys(KERNEL_GLOBALS).sort()).toEqual(kernelScopeNames().filter((name) => name !== 'console').sort());
  });
});
