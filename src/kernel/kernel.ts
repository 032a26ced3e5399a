import { errorMessage } from '../lib/errorMessage';
import { assertNever } from '../lib/assertNever';
import type { RunEnvironment } from '../model/runs/runTypes';
import { HEARTBEAT_INTERVAL_MS } from '../model/runs/runRecordUpdates';
import { PROTOCOL_VERSION, type KernelMessage, type SessionMessage } from '../protocol/messages';
import { RequestChannel } from '../protocol/requestChannel';
import * as labbook from '../sdk/index';
import { attachSdkHost, endRunsCreatedSince, hasOpenRuns, noteExecutedCell, noteStored, recordSystemSample, runCreationMark, stopRun } from '../sdk/sdk';
import type { DisplayOutput } from '../model/notebook/displayOutput';
import { displayOutputOf } from './displayValue';
import { sampleSystem, SYSTEM_SAMPLE_MS } from './systemSampler';
import { sha256HexOfText } from '../lib/contentHash';
import { clearInterrupt, Interrupted, requestInterrupt } from '../sdk/interrupt';
import { createCellConsole } from './cellConsole';
import { CellSyntaxError, compileCell, IMPORT_PARAM, SCOPE_PARAM, type CompiledCell } from './cellCompiler';
import { describeError, executeSource } from './executor';
import { importModule } from './moduleMap';
import { formatValue } from './formatValue';
import type { KernelEndpoint } from './kernelEndpoint';
import type { KernelScopeName } from '../lib/kernelScope';

type ExecuteMessage = Extract<SessionMessage, { type: 'execute' }>;

/** Options of startKernel. */
export interface KernelOptions {
  endpoint: KernelEndpoint;
  /** Initialises the compute backend and describes the machine; awaited before the kernel says it is ready. */
  detectEnvironment: () => Promise<RunEnvironment>;
}

/**
 * Runs the kernel on an endpoint: compiles each cell (TypeScript, shared top-level scope, bundled imports) and executes
 * it, one request at a time, with the SDK in scope; streams console output,
 * reports results and errors, and connects the SDK to the session. A cell that throws ends its open runs as failed.
 */
export async function startKernel(options: KernelOptions): Promise<void> {
  const { endpoint } = options;
  const post = (message: KernelMessage, transfer: Transferable[] = []) => endpoint.postMessage(message, transfer);
  const channel = new RequestChannel((id, request, transfer) => post({ type: 'request', id, request }, transfer));
  let running: number | null = null;
  const write = (stream: 'stdout' | 'stderr', text: string) => {
    if (running === null) console[stream === 'stdout' ? 'log' : 'warn'](text);
    else post({ type: 'stream', executionId: running, stream, text });
  };
  const show = (output: DisplayOutput, displayId: string | null = null) => {
    if (running === null) return;
    post({ type: 'display', executionId: running, displayId, output }, output.kind === 'image' ? [output.png.buffer as ArrayBuffer] : []);
  };
  // A value that cannot be shown (a disposed tensor) is said so on stderr: the cell's code has run, so it neither fails
  // the cell nor ends the runs it started (a last value shows as text then).
  const richOutput = (value: unknown): Promise<DisplayOutput | null> =>
    displayOutputOf(value).catch((error: unknown) => {
      write('stderr', `display: ${errorMessage(error)}\n`);
      return null;
    });
  // display() returns at once, but describing an image or a tensor is asynchronous: the cell's end waits for these,
  // so nothing it displayed arrives after its result.
  const describing = new Set<Promise<void>>();
  const display = (...values: unknown[]) => {
    const executionId = running;
    for (const value of values) {
      const done = richOutput(value)
        .then((output) => {
          if (output && running === executionId) show(output);
        })
        .finally(() => describing.delete(done));
      describing.add(done);
    }
  };

  // The notebook's top-level names, shared by every cell; the SDK and a console that streams to the running cell
  // are in it from the start (a cell may redefine them, as in Jupyter).
  const scope: Record<string, unknown> = {
    labbook,
    wandb: labbook.wandb,
    init: labbook.init,
    log: labbook.log,
    finish: labbook.finish,
    progress: labbook.progress,
    Image: labbook.Image,
    Table: labbook.Table,
    display,
    console: createCellConsole(write),
  } satisfies Record<KernelScopeName, unknown>;
  const scopeNames = new Set(Object.keys(scope));

  const run = async ({ executionId, code, language, origin }: ExecuteMessage): Promise<KernelMessage & { type: 'executed' }> => {
    let compiled: CompiledCell;
    try {
      compiled = compileCell(code, { language, scopeNames });
    } catch (thrown) {
      if (!(thrown instanceof CellSyntaxError)) throw thrown;
      return { type: 'executed', executionId, ok: false, error: { name: thrown.name, message: thrown.message, position: { line: thrown.line, column: thrown.column } }, names: null };
    }
    for (const name of compiled.declared) scopeNames.add(name);
    const names = { declared: compiled.declared, reads: compiled.freeNames };
    noteExecutedCell({ cellId: origin?.cellId ?? null, source: code, hash: sha256HexOfText(code), executedAt: Date.now() }, origin?.notebookId ?? null);
    const mark = runCreationMark();
    clearInterrupt();
    try {
      const value = await executeSource({ executionId, code: compiled.code, scope: { [SCOPE_PARAM]: scope, [IMPORT_PARAM]: importModule } });
      await Promise.all(describing);
      const rich = value === undefined ? null : await richOutput(value);
      return { type: 'executed', executionId, ok: true, display: value === undefined ? null : formatValue(value), rich, names };
    } catch (thrown) {
      const error = describeError(thrown, executionId);
      const position = error.position && compiled.mapPosition(error.position.line, error.position.column);
      const stopped = thrown instanceof Interrupted;
      await endRunsCreatedSince(mark, stopped ? 'killed' : 'failed', stopped ? 'stopped by the user' : `${error.name}: ${error.message}`);
      return { type: 'executed', executionId, ok: false, error: { ...error, position }, names };
    }
  };

  // A stop also cancels the cells queued behind the running one, as in Jupyter: each remembers the stop count it was
  // queued under.
  let stops = 0;
  // Every execution answers, whatever fails inside the kernel itself: a missing reply would leave the notebook busy.
  const execute = async (message: ExecuteMessage, queuedAt: number) => {
    const { executionId } = message;
    running = executionId;
    try {
      if (queuedAt !== stops) {
        post({ type: 'executed', executionId, ok: false, error: { name: 'Interrupted', message: 'not run: stopped by the user', position: null }, names: null });
        return;
      }
      post(await run(message));
    } catch (failure) {
      post({ type: 'executed', executionId, ok: false, error: { ...describeError(failure, executionId), name: 'KernelError' }, names: null });
    } finally {
      running = null;
    }
  };

  // Cells queue behind start-up: one sent before the kernel is ready must still find the backend and the SDK set up.
  const ready = options.detectEnvironment().then((environment) => {
    attachSdkHost({
      request: (request, transfer) => channel.request(request, transfer),
      emit: (event, transfer) => post({ type: 'run', event }, transfer),
      recordCells: (log) => post({ type: 'executedCells', log }),
      environment: () => environment,
      warn: (message) => write('stderr', `${message}\n`),
      show,
    });
    post({ type: 'ready', protocolVersion: PROTOCOL_VERSION, environment });
    // Workers' timers are not throttled in background tabs the way a page's are, so the runs' heartbeat comes from here.
    setInterval(() => post({ type: 'heartbeat' }), HEARTBEAT_INTERVAL_MS);
    startSystemSampler();
  });
  let queue: Promise<void> = ready;

  // Samples only while a run is open; a sample still being taken (storage estimate) is not overlapped by the next.
  function startSystemSampler(): void {
    let sampling = false;
    setInterval(() => {
      if (sampling || !hasOpenRuns()) return;
      sampling = true;
      sampleSystem()
        .then(recordSystemSample)
        .catch((error: unknown) => console.warn('system sample failed', error))
        .finally(() => (sampling = false));
    }, SYSTEM_SAMPLE_MS);
  }

  endpoint.addEventListener('message', (event: MessageEvent<SessionMessage>) => {
    const message = event.data;
    switch (message.type) {
      case 'execute': {
        const queuedAt = stops;
        queue = queue.then(() => execute(message, queuedAt)).catch(() => undefined);
        return;
      }
      case 'reply':
        channel.settle(message.id, message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
        return;
      case 'runStopped':
        stopRun(message.runId, message.reason);
        return;
      case 'stored':
        noteStored(message.runId, message.upTo);
        return;
      case 'interrupt':
        stops++;
        requestInterrupt();
        return;
      default:
        assertNever(message);
    }
  });

  await ready;
}
