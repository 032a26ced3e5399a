import { assertNever } from '../lib/assertNever';
import type { CellOutputItem, CellRun } from '../model/notebook/cellRun';
import type { DisplayOutput, ValueNode } from '../model/notebook/displayOutput';

/** One nbformat 4 output, as Labbook writes and reads them. */
export type IpynbOutput =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: string[] }
  | { output_type: 'display_data'; data: Record<string, string | string[]>; metadata: Record<string, unknown> }
  | { output_type: 'execute_result'; execution_count: number | null; data: Record<string, string | string[]>; metadata: Record<string, unknown> }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

/** A cell's outputs in nbformat 4, in the order they arrived, the result last, and its execution count. */
export function runToIpynb(run: CellRun): { outputs: IpynbOutput[]; execution_count: number | null } {
  const outputs: IpynbOutput[] = run.outputs.map(itemToIpynb);
  if (run.droppedChars) outputs.unshift({ output_type: 'stream', name: 'stderr', text: [`[output cut: the first ${run.droppedChars} characters printed were not kept]\n`] });
  if (run.result?.text != null) outputs.push({ output_type: 'execute_result', execution_count: run.count, data: { 'text/plain': lines(run.result.text) }, metadata: {} });
  if (run.error) {
    const { name, message, position } = run.error;
    const where = position ? ` (line ${position.line}, column ${position.column})` : '';
    outputs.push({ output_type: 'error', ename: name, evalue: message, traceback: [`${name}: ${message}${where}`] });
  }
  return { outputs, execution_count: run.count };
}

function itemToIpynb(item: CellOutputItem): IpynbOutput {
  if (item.kind === 'stream') return { output_type: 'stream', name: item.stream, text: lines(item.text) };
  const { data, metadata } = displayData(item.output);
  return { output_type: 'display_data', data, metadata };
}

/** A display's MIME bundle: always text/plain, and an image's PNG (base64) or a run's link as HTML. */
function displayData(output: DisplayOutput): { data: Record<string, string | string[]>; metadata: Record<string, unknown> } {
  switch (output.kind) {
    case 'value':
      return { data: { 'text/plain': lines(valueText(output.value)) }, metadata: {} };
    case 'tensor':
      return { data: { 'text/plain': lines(`Tensor ${output.dtype} [${output.shape.join(', ')}]\n${output.preview}`) }, metadata: {} };
    case 'image':
      return {
        data: { 'image/png': base64(output.png), 'text/plain': [output.caption ?? `<image ${output.width}×${output.height}>`] },
        metadata: { 'image/png': { width: output.width, height: output.height } },
      };
    case 'progress': {
      const of = output.total === null ? '' : `/${output.total}`;
      return { data: { 'text/plain': [`${output.label} ${output.done}${of}${output.detail ? ` ${output.detail}` : ''}`] }, metadata: {} };
    }
    case 'run': {
      // Escaped, and only a link: the page that opens the file decides what HTML may do.
      const href = `#/p/${encodeURIComponent(output.project)}/r/${encodeURIComponent(output.runId)}`;
      return { data: { 'text/html': [`<a href="${escapeHtml(href)}">run ${escapeHtml(output.name)}</a> in project ${escapeHtml(output.project)}`], 'text/plain': [`run ${output.name} (${output.project}, id ${output.runId})`] }, metadata: { labbook: { run: output } } };
    }
    default:
      return assertNever(output);
  }
}

/** A value tree as one line of text, as a console's collapsed view shows it. */
function valueText(node: ValueNode): string {
  switch (node.kind) {
    case 'leaf':
      return node.text;
    case 'branch':
      return node.summary ? `${node.label} ${node.summary}` : node.label;
    case 'tensor':
      return node.summary;
    default:
      return assertNever(node);
  }
}

/** nbformat keeps text (sources and outputs) as lines, each with its newline but the last. */
export function lines(text: string): string[] {
  const split = text.split('\n');
  return split.map((line, i) => (i < split.length - 1 ? `${line}\n` : line)).filter((line) => line !== '');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * A cell's run from its nbformat outputs, as a notebook reopened shows them: streams, displays (an image from its PNG,
 * a run link from Labbook's metadata, anything else as its text), the result and the error. Null for a cell without
 * outputs or count. Throws with `where` in the message for an output Labbook cannot read.
 */
export function runFromIpynb(outputs: unknown, executionCount: unknown, where: string): CellRun | null {
  if (outputs === undefined) return null;
  if (!Array.isArray(outputs)) throw new Error(`${where}: "outputs" is not a list`);
  const count = typeof executionCount === 'number' ? executionCount : null;
  if (outputs.length === 0 && count === null) return null;
  const run: CellRun = { status: 'done', count, outputs: [], result: null, error: null };
  outputs.forEach((output: unknown, i) => {
    const at = `${where}, output ${i + 1}`;
    if (typeof output !== 'object' || output === null) throw new Error(`${at} is not an object`);
    const o = output as Record<string, unknown>;
    switch (o['output_type']) {
      case 'stream':
        run.outputs.push({ kind: 'stream', stream: o['name'] === 'stderr' ? 'stderr' : 'stdout', text: joined(o['text'], at) });
        break;
      case 'display_data':
        run.outputs.push({ kind: 'display', displayId: null, output: displayFrom(o, at) });
        break;
      case 'execute_result':
        run.result = { text: joined(bundle(o, at)['text/plain'] ?? '', at), rich: null };
        break;
      case 'error':
        run.status = 'error';
        run.error = { name: String(o['ename'] ?? 'Error'), message: String(o['evalue'] ?? ''), position: null };
        break;
      default:
        throw new Error(`${at} has output_type ${JSON.stringify(o['output_type'])}, not one of stream, display_data, execute_result, error`);
    }
  });
  return run;
}

function bundle(output: Record<string, unknown>, at: string): Record<string, unknown> {
  const data = output['data'];
  if (typeof data !== 'object' || data === null) throw new Error(`${at} has no "data"`);
  return data as Record<string, unknown>;
}

function displayFrom(output: Record<string, unknown>, at: string): DisplayOutput {
  const data = bundle(output, at);
  const metadata = (output['metadata'] ?? {}) as Record<string, unknown>;
  const run = (metadata['labbook'] as { run?: DisplayOutput } | undefined)?.run;
  if (run?.kind === 'run' && typeof run.runId === 'string' && typeof run.name === 'string' && typeof run.project === 'string') return { kind: 'run', runId: run.runId, name: run.name, project: run.project };
  const text = data['text/plain'] === undefined ? '' : joined(data['text/plain'], at);
  if (data['image/png'] !== undefined) {
    const size = (metadata['image/png'] ?? {}) as { width?: unknown; height?: unknown };
    const png = fromBase64(joined(data['image/png'], at));
    return { kind: 'image', png, width: Number(size.width) || pngSide(png, 16), height: Number(size.height) || pngSide(png, 20), caption: text.startsWith('<image') ? null : text || null };
  }
  return { kind: 'value', value: { kind: 'leaf', text, type: 'string' } };
}

/** Width (offset 16) or height (offset 20) from a PNG's header. */
function pngSide(png: Uint8Array, offset: number): number {
  return png.length >= offset + 4 ? new DataView(png.buffer, png.byteOffset).getUint32(offset) : 0;
}

function joined(text: unknown, at: string): string {
  if (typeof text === 'string') return text;
  if (Array.isArray(text) && text.every((line) => typeof line === 'string')) return text.join('');
  throw new Error(`${at}: text is neither a string nor a list of lines`);
}
