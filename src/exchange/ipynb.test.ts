import { describe, expect, it } from 'vitest';
import { newCodeCell, newMarkdownCell, type Notebook } from '../model/notebook/notebook';
import type { CellRun } from '../model/notebook/cellRun';
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
    const back = notebookFromIpynb(notebookToIpynb(notebook), options).notebook;
    expect(back.name).toBe('dropout study');
    expect(back.cells).toEqual(notebook.cells);
    expect(back).toMatchObject({ createdAt: 50, updatedAt: 50 });
  });

  it('notebookFromIpynb reads a Jupyter notebook whose sources are plain strings, using the fallback name', () => {
    const text = JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [{ cell_type: 'code', source: 'print(1)', metadata: {}, outputs: [] }] });
    const back = notebookFromIpynb(text, options).notebook;
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
    const back = notebookFromIpynb(notebookToIpynb(withMarkdown), options).notebook;
    expect(back.cells).toEqual(withMarkdown.cells);
    expect(back.cells[0]!.source).toBe(markdownSource);
  });

  it('notebookFromIpynb reads a Jupyter markdown cell with a string source and no id', () => {
    const text = JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [{ cell_type: 'markdown', source: '# hi', metadata: {} }] });
    const [cell] = notebookFromIpynb(text, options).notebook.cells;
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

describe('outputs in .ipynb', () => {
  // A 1×1 PNG's first bytes are enough: the header carries its size.
  const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0);
  const ran: CellRun = {
    status: 'done',
    count: 3,
    outputs: [
      { kind: 'stream', stream: 'stdout', text: 'epoch 1\nepoch 2\n' },
      { kind: 'stream', stream: 'stderr', text: 'warning' },
      { kind: 'display', displayId: null, output: { kind: 'image', png, width: 3, height: 2, caption: 'a dress' } },
      { kind: 'display', displayId: 'bar', output: { kind: 'progress', label: 'epoch 2/2', done: 38, total: 38, elapsedMs: 900, finished: true, detail: 'loss 0.31', unit: 'batch' } },
      { kind: 'display', displayId: 'run-x', output: { kind: 'run', runId: 'abc123', name: 'brave-owl-1', project: 'mnist <v2>' } },
    ],
    result: { text: '{ acc: 0.93 }', rich: null },
    error: null,
  };
  const failed: CellRun = { status: 'error', count: 4, outputs: [], result: null, error: { name: 'TypeError', message: 'nope.toFixed is not a function', position: { line: 2, column: 6 } } };
  const code = newCodeCell('log()', 'c1');
  const broken = newCodeCell('nope.toFixed()', 'c2');
  const withOutputs: Notebook = { ...notebook, cells: [code, broken, newCodeCell('', 'c3')] };

  it('notebookToIpynb writes each code cell\'s outputs as nbformat outputs, with its execution count', () => {
    const cells = JSON.parse(notebookToIpynb(withOutputs, new Map([['c1', ran], ['c2', failed]]))).cells;
    expect(cells[0].execution_count).toBe(3);
    expect(cells[0].outputs.map((o: { output_type: string }) => o.output_type)).toEqual(['stream', 'stream', 'display_data', 'display_data', 'display_data', 'execute_result']);
    expect(cells[0].outputs[0]).toEqual({ output_type: 'stream', name: 'stdout', text: ['epoch 1\n', 'epoch 2\n'] });
    expect(cells[0].outputs[2].data['image/png']).toBe(btoa(String.fromCharCode(...png)));
    expect(cells[0].outputs[3].data['text/plain']).toEqual(['epoch 2/2 38/38 loss 0.31']);
    expect(cells[0].outputs[4].data['text/html'][0], 'names are escaped').toBe('<a href="#/p/mnist%20%3Cv2%3E/r/abc123">run brave-owl-1</a> in project mnist &#60;v2&#62;');
    expect(cells[0].outputs[5]).toEqual({ output_type: 'execute_result', execution_count: 3, data: { 'text/plain': ['{ acc: 0.93 }'] }, metadata: {} });
    expect(cells[1].outputs).toEqual([{ output_type: 'error', ename: 'TypeError', evalue: 'nope.toFixed is not a function', traceback: ['TypeError: nope.toFixed is not a function (line 2, column 6)'] }]);
    expect(cells[2]).toMatchObject({ outputs: [], execution_count: null });
  });

  it('notebookFromIpynb reads the outputs back: streams, the image with its size and caption, the run link, the result and the error', () => {
    const { outputs } = notebookFromIpynb(notebookToIpynb(withOutputs, new Map([['c1', ran], ['c2', failed]])), options);
    const back = outputs.get('c1')!;
    expect(back).toMatchObject({ status: 'done', count: 3, result: { text: '{ acc: 0.93 }' } });
    expect(back.outputs.slice(0, 2)).toEqual(ran.outputs.slice(0, 2));
    expect(back.outputs[2]).toEqual({ kind: 'display', displayId: null, output: { kind: 'image', png, width: 3, height: 2, caption: 'a dress' } });
    expect(back.outputs[4]).toEqual({ kind: 'display', displayId: null, output: { kind: 'run', runId: 'abc123', name: 'brave-owl-1', project: 'mnist <v2>' } });
    expect(outputs.get('c2')).toMatchObject({ status: 'error', count: 4, error: { name: 'TypeError', message: 'nope.toFixed is not a function' } });
    expect(outputs.has('c3'), 'a cell never run has none').toBe(false);
  });

  it('notebookFromIpynb refuses an output it cannot read, naming the cell and the output', () => {
    const text = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source: 'x', outputs: [{ output_type: 'widget' }], execution_count: 1 }] });
    expect(() => notebookFromIpynb(text, options)).toThrow('cell 1, output 1 has output_type "widget", not one of stream, display_data, execute_result, error');
  });
});
