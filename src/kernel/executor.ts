import type { ExecutionError, SourcePosition } from '../model/notebook/cellRun';
import { SCOPE_PARAM } from './cellCompiler';
import { formatValue } from './formatValue';

type AsyncFunctionConstructor = new (...argsAndBody: string[]) => (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as AsyncFunctionConstructor;

/**
 * Lines V8 puts before the body of a Function-constructed function (`async function anonymous(a,b\n) {\n`);
 * stack positions are shifted back by this much so they point at the user's line.
 */
const FUNCTION_HEADER_LINES = 2;

/** Name given to executed sources in stack traces, so frames from user code can be told apart. */
export function sourceName(executionId: number): string {
  return `labbook-cell-${executionId}.js`;
}

/** Options of executeSource. */
export interface ExecuteSourceOptions {
  executionId: number;
  code: string;
  /** Names visible to the code as free variables (the SDK, a console that streams to the cell). */
  scope: Record<string, unknown>;
}

/** Runs source as the body of an async function (so top-level await and `return` work) and returns its result. */
export async function executeSource(options: ExecuteSourceOptions): Promise<unknown> {
  const names = Object.keys(options.scope);
  const fn = new AsyncFunction(...names, `${options.code}\n//# sourceURL=${sourceName(options.executionId)}`);
  return fn(...names.map((name) => options.scope[name]));
}

/** Turns anything thrown by executed code into what the cell shows: name, message and the position inside the cell. */
export function describeError(thrown: unknown, executionId: number): ExecutionError {
  // formatValue, not String(): String() throws on a null-prototype object, and this runs in the kernel's catch block.
  if (!(thrown instanceof Error)) return { name: 'Error', message: `uncaught ${formatValue(thrown)}`, position: null };
  return { name: thrown.name, message: usersNames(thrown.message), position: positionInSource(thrown.stack ?? '', executionId) };
}

/**
 * A message in the names the user wrote: V8 words errors after the compiled code, where a cell's top-level names are
 * read as `__scope.name` (see cellCompiler), so `nope.toFixed()` failed with "__scope.nope.toFixed is not a function".
 */
function usersNames(message: string): string {
  return message.replace(SCOPE_PREFIX, '');
}

const SCOPE_PREFIX = new RegExp(`\\b${SCOPE_PARAM}\\.`, 'g');

/** The first stack frame inside the executed source, as a 1-based line and column of the user's code. */
export function positionInSource(stack: string, executionId: number): SourcePosition | null {
  const escaped = sourceName(executionId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  if (!match) return null;
  return { line: Number(match[1]) - FUNCTION_HEADER_LINES, column: Number(match[2]) };
}
