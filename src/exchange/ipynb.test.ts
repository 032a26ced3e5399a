import { describe, expect, it } from 'vitest';
import { newCodeCell, newMarkdownCell, type Notebook } from '../model/notebook/notebook';
import { IpynbError, notebookFromIpynb, notebookToIpynb } from './ipynb';

const notebook: Notebook = {
  id: 'nb',
  name: 'dropout study',
  cells: [newCodeCell("import * as tf from '@tensorflow/tfjs';\nconst x = 1;\n", 'a'), newCodeCell('x + 1', 'b'), { ...newCodeCell('', 'c'), language: 'javascript' }],
  createdAt: 1,
  updatedAt: 2,
};
const options = { fallbackName: 'file', now: 50 };

describe('ipynb', () => {
  it('notebookToIpynb writes nbformat 4 with a typescript kernelspec and line-split sources', () => {
    const document = JSON.parse(notebookToIpynb(notebook));
    expect(document.nbformat).toBe(4);
    expect(document.metadata.kernelspec.language).toBe('typescript');
    expect(document.cells[0]).toMatchObject({ cell_type: 'code', id: 'a', source: ["import * as tf from '@tensorflow/tfjs';\n", 'const x = 1;\n'], outputs: [], execution_count: null });
  });

  it('notebookFromIpynb(notebookToIpynb(nb)) gives back the same name, cells, sources and languages', () => {
    const back = notebookFromIpynb(notebookToIpynb(notebook), options);
    expect(back.name).toBe('dropout study');
    expect(back.cells).toEqual(notebook.cells);
    expect(back).toMatchObject({ createdAt: 50, updatedAt: 50 });
  });

  it('notebookFromIpynb reads a Jupyter notebook whose sources are plain strings, using the fallback name', () => {
    const text = JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [{ cell_type: 'code', source: 'print(1)', metadata: {}, outputs: [] }] });
    const back = notebookFromIpynb(text, options);
    expect(back.name).toBe('file');
    expect(back.cells.map((c) => c.source)).toEqual(['print(1)']);
  });

  // Trailing spaces (a hard line break), blank lines, a display formula and a final newline must all survive.
  const markdownSource = '# Dropout  \nThe mask $m_i \\sim \\mathrm{Bernoulli}(1-p)$.\n\n$$\nL = -\\sum_i y_i \\log \\hat y_i\n$$\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
  const withMarkdown: Notebook = { ...notebook, cells: [newMarkdownCell(markdownSource, 'md'), ...notebook.cells, newMarkdownCell('', 'empty')] };

  it('notebookToIpynb writes a markdown cell as nbformat 4 markdown: source lines, empty metadata, no outputs or execution_count', () => {
    const cell = JSON.parse(notebookToIpynb(withMarkdown)).cells[0];
    expect(cell).toEqual({
      cell_type: 'markdown',
      id: 'md',
      metadata: {},
      source: ['# Dropout  \n', 'The mask $m_i \\sim \\mathrm{Bernoulli}(1-p)$.\n', '\n', '$$\n', 'L = -\\sum_i y_i \\log \\hat y_i\n', '$$\n', '\n', '| a | b |\n', '|---|---|\n', '| 1 | 2 |\n'],
    });
  });

  it('notebookFromIpynb(notebookToIpynb(nb)) keeps markdown cells, their order and their source exactly', () => {
    const back = notebookFromIpynb(notebookToIpynb(withMarkdown), options);
    expect(back.cells).toEqual(withMarkdown.cells);
    expect(back.cells[0]!.source).toBe(markdownSource);
  });

  it('notebookFromIpynb reads a Jupyter markdown cell with a string source and no id', () => {
    const text = JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [{ cell_type: 'markdown', source: '# hi', metadata: {} }] });
    const [cell] = notebookFromIpynb(text, options).cells;
    expect(cell).toMatchObject({ kind: 'markdown', source: '# hi' });
    expect(cell!.id).not.toBe('');
  });

  it.each([
    ['{ not json', /not valid JSON/],
    ['[]', /no "cells" list/],
    [JSON.stringify({ nbformat: 3, cells: [] }), /unsupported notebook format 3/],
    [JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'markdown', source: '# hi' }, { cell_type: 'raw', source: 'x' }] }), /cell 2 is a raw cell/],
    [JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'code', source: 5 }] }), /cell 1 has no source text/],
    [JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'markdown', source: ['# a\n', 5] }] }), /cell 1 has no source text/],
  ])('notebookFromIpynb(%s) throws a clear IpynbError', (text, message) => {
    expect(() => notebookFromIpynb(text, options)).toThrow(IpynbError);
    expect(() => notebookFromIpynb(text, options)).toThrow(message);
  });
});
