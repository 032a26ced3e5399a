import { errorMessage } from '../lib/errorMessage';
import { randomId } from '../lib/ids';
import { assertNever } from '../lib/assertNever';
import type { CellRun } from '../model/notebook/cellRun';
import { newCodeCell, newMarkdownCell, type Cell, type Notebook } from '../model/notebook/notebook';
import { lines, runFromIpynb, runToIpynb, type IpynbOutput } from './ipynbOutputs';

/** The nbformat 4 fields Labbook writes and reads. */
interface IpynbCell {
  cell_type: string;
  id?: string;
  source: string | string[];
  metadata?: Record<string, unknown>;
  outputs?: IpynbOutput[];
  execution_count?: number | null;
}

interface IpynbDocument {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: IpynbCell[];
}

/** A file that is not a notebook Labbook can open; the message says what is wrong. */
export class IpynbError extends Error {
  override name = 'IpynbError';
}

/**
 * Writes a notebook as Jupyter nbformat 4 (kernelspec language `typescript`), so Jupyter, VS Code and GitHub open it,
 * with each code cell's outputs and execution count from `outputs` (by cell id).
 */
export function notebookToIpynb(notebook: Notebook, outputs: ReadonlyMap<string, CellRun> = new Map()): string {
  const document: IpynbDocument = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'labbook', display_name: 'Labbook (TypeScript)', language: 'typescript' },
      language_info: { name: 'typescript', file_extension: '.ts' },
      labbook: { name: notebook.name },
    },
    cells: notebook.cells.map((cell) => cellToIpynb(cell, outputs.get(cell.id))),
  };
  return `${JSON.stringify(document, null, 1)}\n`;
}

/** One cell in nbformat 4: markdown cells have no outputs or execution count (the schema forbids them). */
function cellToIpynb(cell: Cell, run: CellRun | undefined): IpynbCell {
  switch (cell.kind) {
    case 'code':
      return {
        cell_type: 'code',
        id: cell.id,
        metadata: cell.language === 'javascript' ? { labbook: { language: 'javascript' } } : {},
        source: lines(cell.source),
        ...(run ? runToIpynb(run) : { outputs: [], execution_count: null }),
      };
    case 'markdown':
      return { cell_type: 'markdown', id: cell.id, metadata: {}, source: lines(cell.source) };
    default:
      return assertNever(cell);
  }
}

/** Options of notebookFromIpynb. */
export interface IpynbImportOptions {
  /** Name to use when the file does not carry one (e.g. the file name). */
  fallbackName: string;
  now: number;
}

/** A notebook read from a file, and what its code cells showed (by cell id). */
export interface ImportedNotebook {
  notebook: Notebook;
  outputs: Map<string, CellRun>;
}

/**
 * Reads an nbformat 4 notebook, checking everything before anything is used: a malformed file throws IpynbError and
 * produces nothing. Code and markdown cells are read, with the code cells' outputs; raw cells are refused rather than
 * silently dropped.
 */
export function notebookFromIpynb(text: string, options: IpynbImportOptions): ImportedNotebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new IpynbError(`not a notebook: the file is not valid JSON (${errorMessage(error)})`);
  }
  const document = parsed as Partial<IpynbDocument> | null;
  if (typeof document !== 'object' || document === null || !Array.isArray(document.cells)) throw new IpynbError('not a notebook: it has no "cells" list');
  if (document.nbformat !== 4) throw new IpynbError(`unsupported notebook format ${String(document.nbformat)}: Labbook reads nbformat 4`);
  const outputs = new Map<string, CellRun>();
  const cells = document.cells.map((cell, index): Cell => {
    if (typeof cell !== 'object' || cell === null) throw new IpynbError(`cell ${index + 1} is not an object`);
    if (cell.cell_type !== 'code' && cell.cell_type !== 'markdown') {
      throw new IpynbError(`cell ${index + 1} is a ${String(cell.cell_type)} cell; Labbook notebooks have code and markdown cells only`);
    }
    const source = Array.isArray(cell.source) && cell.source.every((line) => typeof line === 'string') ? cell.source.join('') : cell.source;
    if (typeof source !== 'string') throw new IpynbError(`cell ${index + 1} has no source text`);
    const id = typeof cell.id === 'string' && cell.id ? cell.id : randomId(10);
    if (cell.cell_type === 'markdown') return newMarkdownCell(source, id);
    const language = (cell.metadata?.['labbook'] as { language?: string } | undefined)?.language === 'javascript' ? 'javascript' : 'typescript';
    const run = readRun(cell, index);
    if (run) outputs.set(id, run);
    return { ...newCodeCell(source, id), language };
  });
  const name = (document.metadata?.['labbook'] as { name?: unknown } | undefined)?.name;
  const notebook: Notebook = {
    id: randomId(10),
    name: typeof name === 'string' && name.trim() ? name : options.fallbackName,
    cells: cells.length > 0 ? cells : [newCodeCell()],
    createdAt: options.now,
    updatedAt: options.now,
  };
  return { notebook, outputs };
}

function readRun(cell: IpynbCell, index: number): CellRun | null {
  try {
    return runFromIpynb(cell.outputs, cell.execution_count, `cell ${index + 1}`);
  } catch (error) {
    throw new IpynbError(errorMessage(error));
  }
}
