import { describe, expect, it } from 'vitest';
import { newCodeCell, newMarkdownCell, newNotebook, notebookReducer, withKind, type Notebook } from './notebook';

function notebook(...sources: string[]): Notebook {
  return { ...newNotebook('nb', 1, 'nb1'), cells: sources.map((source, i) => newCodeCell(source, `c${i}`)) };
}
const sources = (nb: Notebook) => nb.cells.map((c) => c.source);

describe('notebookReducer', () => {
  it('newNotebook(name) starts with one empty TypeScript cell', () => {
    const nb = newNotebook('first', 10, 'id');
    expect(nb).toMatchObject({ id: 'id', name: 'first', createdAt: 10, updatedAt: 10 });
    expect(nb.cells).toHaveLength(1);
    expect(nb.cells[0]).toMatchObject({ kind: 'code', language: 'typescript', source: '' });
  });

  it('insertCell puts the cell at the index (clamped) and stamps updatedAt', () => {
    const next = notebookReducer(notebook('a', 'c'), { type: 'insertCell', index: 1, cell: newCodeCell('b', 'x') }, 99);
    expect(sources(next)).toEqual(['a', 'b', 'c']);
    expect(next.updatedAt).toBe(99);
    expect(sources(notebookReducer(notebook('a'), { type: 'insertCell', index: 50, cell: newCodeCell('z') }, 2))).toEqual(['a', 'z']);
  });

  it('deleteCell removes the cell, and deleting the last one leaves a fresh empty cell', () => {
    expect(sources(notebookReducer(notebook('a', 'b'), { type: 'deleteCell', cellId: 'c0' }, 2))).toEqual(['b']);
    const emptied = notebookReducer(notebook('a'), { type: 'deleteCell', cellId: 'c0' }, 2);
    expect(sources(emptied)).toEqual(['']);
  });

  it('moveCell swaps with a neighbour and ignores a move past either end', () => {
    const nb = notebook('a', 'b', 'c');
    expect(sources(notebookReducer(nb, { type: 'moveCell', cellId: 'c1', by: -1 }, 2))).toEqual(['b', 'a', 'c']);
    expect(sources(notebookReducer(nb, { type: 'moveCell', cellId: 'c1', by: 1 }, 2))).toEqual(['a', 'c', 'b']);
    expect(notebookReducer(nb, { type: 'moveCell', cellId: 'c0', by: -1 }, 2)).toBe(nb);
  });

  it('duplicateCell copies the source right after the cell under a new id', () => {
    const next = notebookReducer(notebook('a', 'b'), { type: 'duplicateCell', cellId: 'c0', newId: 'copy' }, 2);
    expect(next.cells.map((c) => [c.id, c.source])).toEqual([
      ['c0', 'a'],
      ['copy', 'a'],
      ['c1', 'b'],
    ]);
  });

  it('editSource changes one cell; the same text returns the notebook unchanged', () => {
    const nb = notebook('a', 'b');
    expect(sources(notebookReducer(nb, { type: 'editSource', cellId: 'c1', source: 'B' }, 2))).toEqual(['a', 'B']);
    expect(notebookReducer(nb, { type: 'editSource', cellId: 'c1', source: 'b' }, 2)).toBe(nb);
  });

  it('insertCell takes a markdown cell, and duplicateCell and editSource keep its kind', () => {
    let nb = notebookReducer(notebook('a'), { type: 'insertCell', index: 0, cell: newMarkdownCell('# Title', 'm') }, 2);
    nb = notebookReducer(nb, { type: 'duplicateCell', cellId: 'm', newId: 'm2' }, 3);
    nb = notebookReducer(nb, { type: 'editSource', cellId: 'm2', source: '## Sub' }, 4);
    expect(nb.cells).toEqual([
      { id: 'm', kind: 'markdown', source: '# Title' },
      { id: 'm2', kind: 'markdown', source: '## Sub' },
      { id: 'c0', kind: 'code', language: 'typescript', source: 'a' },
    ]);
  });

  it('changeKind turns a code cell into markdown and back, keeping its id, source and place', () => {
    const nb = notebook('a', '# b', 'c');
    const toMarkdown = notebookReducer(nb, { type: 'changeKind', cellId: 'c1', kind: 'markdown' }, 5);
    expect(toMarkdown.cells[1]).toEqual({ id: 'c1', kind: 'markdown', source: '# b' });
    expect(toMarkdown.cells.map((c) => c.kind)).toEqual(['code', 'markdown', 'code']);
    expect(toMarkdown.updatedAt).toBe(5);
    const back = notebookReducer(toMarkdown, { type: 'changeKind', cellId: 'c1', kind: 'code' }, 6);
    expect(back.cells).toEqual(nb.cells);
  });

  it('changeKind to the kind a cell already has, or of a missing cell, returns the notebook unchanged', () => {
    const nb = notebook('a');
    expect(notebookReducer(nb, { type: 'changeKind', cellId: 'c0', kind: 'code' }, 2)).toBe(nb);
    expect(notebookReducer(nb, { type: 'changeKind', cellId: 'nope', kind: 'markdown' }, 2)).toBe(nb);
  });

  it('withKind(javascript code cell, "markdown") drops the language; back to code it is TypeScript', () => {
    const js = { ...newCodeCell('x', 'j'), language: 'javascript' as const };
    const markdown = withKind(js, 'markdown');
    expect(markdown).toEqual({ id: 'j', kind: 'markdown', source: 'x' });
    expect(withKind(markdown, 'code')).toEqual({ id: 'j', kind: 'code', language: 'typescript', source: 'x' });
    expect(withKind(js, 'code')).toBe(js);
  });

  it('rename trims the name and keeps the old one when the new one is blank', () => {
    expect(notebookReducer(notebook(), { type: 'rename', name: '  mnist  ' }, 2).name).toBe('mnist');
    expect(notebookReducer(notebook(), { type: 'rename', name: '   ' }, 2).name).toBe('nb');
  });
});
