import { randomId } from '../../lib/ids';
import { assertNever } from '../../lib/assertNever';

/** Languages a cell can be written in. */
export type CellLanguage = 'typescript' | 'javascript';

/** A code cell as saved: its source and language, nothing about its last run. */
export interface CodeCell {
  id: string;
  kind: 'code';
  language: CellLanguage;
  source: string;
}

/** A markdown cell as saved: its markdown source (with `$…$` / `$$…$$` math), rendered by the notebook, never run. */
export interface MarkdownCell {
  id: string;
  kind: 'markdown';
  source: string;
}

/** A notebook cell: code the kernel runs, or markdown the notebook renders. */
export type Cell = CodeCell | MarkdownCell;

/** What a cell holds: `code` or `markdown` (Jupyter's cell_type). */
export type CellKind = Cell['kind'];

/** A saved notebook. */
export interface Notebook {
  id: string;
  name: string;
  cells: Cell[];
  createdAt: number;
  updatedAt: number;
  /**
   * How many times the store has saved this notebook (absent before the first save). A tab's copy is out of date when
   * the stored notebook has another revision than the one the copy was loaded or saved at.
   */
  revision?: number;
  /** The example (its file in public/examples) this notebook was made from: the example's card opens it again. */
  example?: string;
}

/** Edits a user makes to a notebook; applied by notebookReducer. */
export type NotebookEdit =
  | { type: 'rename'; name: string }
  | { type: 'insertCell'; index: number; cell: Cell }
  | { type: 'deleteCell'; cellId: string }
  | { type: 'moveCell'; cellId: string; by: -1 | 1 }
  | { type: 'duplicateCell'; cellId: string; newId: string }
  | { type: 'editSource'; cellId: string; source: string }
  | { type: 'changeKind'; cellId: string; kind: CellKind };

/** A new, empty TypeScript code cell. */
export function newCodeCell(source = '', id: string = randomId(10)): CodeCell {
  return { id, kind: 'code', language: 'typescript', source };
}

/** A new, empty markdown cell. */
export function newMarkdownCell(source = '', id: string = randomId(10)): MarkdownCell {
  return { id, kind: 'markdown', source };
}

/** The same cell (id and source) as a cell of `kind`; a markdown cell turned to code becomes TypeScript, as new cells are. */
export function withKind(cell: Cell, kind: CellKind): Cell {
  if (cell.kind === kind) return cell;
  switch (kind) {
    case 'code':
      return newCodeCell(cell.source, cell.id);
    case 'markdown':
      return newMarkdownCell(cell.source, cell.id);
    default:
      return assertNever(kind);
  }
}

/** A new notebook with one empty cell. */
export function newNotebook(name: string, now: number, id: string = randomId(10)): Notebook {
  return { id, name, cells: [newCodeCell()], createdAt: now, updatedAt: now };
}

/** Applies one edit (pure); `now` stamps updatedAt. A notebook always keeps at least one cell. */
export function notebookReducer(notebook: Notebook, edit: NotebookEdit, now: number): Notebook {
  const cells = notebook.cells;
  const at = (cellId: string) => cells.findIndex((c) => c.id === cellId);
  const withCells = (next: Cell[]): Notebook => ({ ...notebook, cells: next, updatedAt: now });
  switch (edit.type) {
    case 'rename':
      return { ...notebook, name: edit.name.trim() || notebook.name, updatedAt: now };
    case 'insertCell': {
      const index = Math.max(0, Math.min(cells.length, edit.index));
      return withCells([...cells.slice(0, index), edit.cell, ...cells.slice(index)]);
    }
    case 'deleteCell': {
      const rest = cells.filter((c) => c.id !== edit.cellId);
      return withCells(rest.length > 0 ? rest : [newCodeCell()]);
    }
    case 'moveCell': {
      const from = at(edit.cellId);
      const to = from + edit.by;
      if (from < 0 || to < 0 || to >= cells.length) return notebook;
      const next = cells.slice();
      [next[from], next[to]] = [next[to]!, next[from]!];
      return withCells(next);
    }
    case 'duplicateCell': {
      const index = at(edit.cellId);
      if (index < 0) return notebook;
      return withCells([...cells.slice(0, index + 1), { ...cells[index]!, id: edit.newId }, ...cells.slice(index + 1)]);
    }
    case 'editSource': {
      const index = at(edit.cellId);
      if (index < 0 || cells[index]!.source === edit.source) return notebook;
      return withCells(cells.map((c, i) => (i === index ? { ...c, source: edit.source } : c)));
    }
    case 'changeKind': {
      const index = at(edit.cellId);
      if (index < 0 || cells[index]!.kind === edit.kind) return notebook;
      return withCells(cells.map((c, i) => (i === index ? withKind(c, edit.kind) : c)));
    }
    default:
      return assertNever(edit);
  }
}
