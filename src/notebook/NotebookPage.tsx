import { createMemo, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { ExportButton } from '../ui/ExportButton';
import { EXPORT_FORMATS, exportWriter } from '../exchange/runExports';
import { createStore, produce, reconcile, unwrap } from 'solid-js/store';
import { randomId } from '../lib/ids';
import { cellRunReducer, type CellRun, type CellRunEvent } from '../model/notebook/cellRun';
import { staleCells, type CellAnalysis } from '../model/notebook/staleness';
import { newCodeCell, newMarkdownCell, notebookReducer, type Cell, type CellKind, type Notebook, type NotebookEdit } from '../model/notebook/notebook';
import type { KernelStatus, Session } from '../session/session';
import type { LabbookStore } from '../store/labbookStore';
import { CellView } from './CellView';
import { createEditorScope } from './lazyEditorScope';
import { MarkdownCellView } from './MarkdownCellView';
import { notebookToIpynb } from '../exchange/ipynb';
import { errorMessage } from '../lib/errorMessage';
import { reportIfFails, reportProblem } from '../ui/problems';
import { NotebookSync, type NotebookSyncState } from './notebookSync';
import { NotebookSaveProblem, SaveStatus } from './NotebookSaveState';
import { downloadFile } from '../ui/download';

/** Props of NotebookPage. */
export interface NotebookPageProps {
  store: LabbookStore;
  session: Session;
  notebookId: string;
}

/** Saves the notebook, with what its cells show, as `<name>.ipynb` through the browser's download. */
function downloadIpynb(notebook: Notebook, outputs: ReadonlyMap<string, CellRun>): void {
  downloadFile(`${notebook.name}.ipynb`, notebookToIpynb(notebook, outputs), 'application/x-ipynb+json');
}

/** The cell as a code cell, or undefined: lets JSX narrow the cell union (Solid's Match passes on what `when` returns). */
const asCode = (cell: Cell) => (cell.kind === 'code' ? cell : undefined);
/** The cell as a markdown cell, or undefined. */
const asMarkdown = (cell: Cell) => (cell.kind === 'markdown' ? cell : undefined);

/** A notebook: code cells run in the kernel, outputs stream under each cell, markdown cells render, every edit is saved. */
export function NotebookPage(props: NotebookPageProps) {
  const [notebook, setNotebook] = createSignal<Notebook | null>(null);
  createEditorScope(() => notebook()?.cells ?? []);
  const [missing, setMissing] = createSignal(false);
  const [runs, setRuns] = createStore<Record<string, CellRun>>({});
  const [focusedCell, setFocusedCell] = createSignal<string | null>(null);
  const [analyses, setAnalyses] = createStore<Record<string, CellAnalysis>>({});
  // Only code cells take part: a cell turned into markdown while it ran may still report its names. The list of code
  // cells is its own memo so that a keystroke (a new notebook value) does not recompute staleness.
  const codeCells = createMemo(() => notebook()?.cells.flatMap((c) => (c.kind === 'code' ? [c.id] : [])) ?? [], [], { equals: (a, b) => a.join('\n') === b.join('\n') });
  const stale = createMemo(() => {
    const code = new Set(codeCells());
    return staleCells(Object.values(analyses).filter((a) => code.has(a.cellId)));
  });
  /** Markdown cells shown as editors rather than rendered (short-lived, not saved: a reopened notebook is rendered). */
  const [editingMarkdown, setEditingMarkdown] = createStore<Record<string, boolean>>({});
  let executionCount = 0;
  const [kernelStatus, setKernelStatus] = createSignal<KernelStatus>(props.session.status);
  onCleanup(
    props.session.onStatus((status) => {
      setKernelStatus(status);
      // A new kernel counts from 1 again, as Jupyter's does.
      if (status === 'restarting') executionCount = 0;
    }),
  );
  const [syncState, setSyncState] = createSignal<NotebookSyncState>({ kind: 'saved' });
  const sync = new NotebookSync({ store: props.store, notebookId: props.notebookId, onNotebook: setNotebook, onState: setSyncState });
  void sync.load().then(
    (nb) => nb === undefined && setMissing(true),
    (error: unknown) => reportProblem(`the notebook could not be opened: ${errorMessage(error)}`),
  );
  // What the cells showed when their last runs ended, as Jupyter keeps outputs in the notebook; a cell run since the
  // page opened keeps its own.
  void props.store.cellOutputs(props.notebookId).then(
    (saved) => {
      for (const [cellId, run] of saved) if (!(cellId in runs)) setRuns(cellId, run);
    },
    (error: unknown) => reportProblem(`the notebook's outputs could not be read: ${errorMessage(error)}`),
  );
  /** Keeps a cell's outputs with the notebook as they are now; a cell without any (deleted, turned markdown) forgets them. */
  const keepOutput = (cellId: string, run: CellRun | undefined) => {
    reportIfFails('the cell\'s output could not be kept with the notebook', props.store.saveCellOutput(props.notebookId, cellId, run ? unwrap(run) : null));
  };
  const onHide = () => sync.flush();
  window.addEventListener('pagehide', onHide);
  onCleanup(() => {
    window.removeEventListener('pagehide', onHide);
    sync.flush();
    sync.dispose();
  });

  const edit = (change: NotebookEdit) => {
    const current = notebook();
    if (!current) return;
    const next = notebookReducer(current, change, Date.now());
    if (next === current) return;
    setNotebook(next);
    sync.edited(next);
    if (change.type === 'deleteCell') keepOutput(change.cellId, undefined);
  };
  const apply = (cellId: string, event: CellRunEvent) => setRuns(cellId, (run) => reconcile(cellRunReducer(run, event))(run));

  const runCell = async (cellId: string) => {
    const cell = notebook()?.cells.find((c) => c.id === cellId);
    if (!cell) return;
    // Running a markdown cell renders it (Jupyter's Shift+Enter); run all and run above do the same on their way.
    if (cell.kind === 'markdown') {
      setEditingMarkdown(cellId, false);
      return;
    }
    apply(cellId, { type: 'queued' });
    const count = ++executionCount;
    apply(cellId, { type: 'started', count });
    const outcome = await props.session.execute(cell.source, {
      language: cell.language,
      origin: { notebookId: props.notebookId, cellId },
      onOutput: (stream) => apply(cellId, { type: 'stream', stream }),
      onDisplay: (output, displayId) => apply(cellId, { type: 'display', output, displayId }),
    });
    apply(cellId, outcome.ok ? { type: 'succeeded', result: { text: outcome.display, rich: outcome.rich } } : { type: 'failed', error: outcome.error });
    keepOutput(cellId, runs[cellId]);
    if (outcome.names) setAnalyses(cellId, { cellId, count, declared: outcome.names.declared, reads: outcome.names.reads });
  };

  const runAndAdvance = (cellId: string, advance: boolean) => {
    void runCell(cellId);
    if (!advance) return;
    const cells = notebook()?.cells ?? [];
    const index = cells.findIndex((c) => c.id === cellId);
    if (index === cells.length - 1) {
      const cell = newCodeCell('', randomId(10));
      edit({ type: 'insertCell', index: index + 1, cell });
      setFocusedCell(cell.id);
    } else setFocusedCell(cells[index + 1]?.id ?? null);
  };

  const addCell = (cell: Cell) => {
    edit({ type: 'insertCell', index: notebook()?.cells.length ?? 0, cell });
    if (cell.kind === 'markdown') setEditingMarkdown(cell.id, true);
    setFocusedCell(cell.id);
  };
  const changeKind = (cellId: string, kind: CellKind) => {
    edit({ type: 'changeKind', cellId, kind });
    // The last run's output and names belong to the code the cell no longer holds.
    setRuns(produce((all) => delete all[cellId]));
    keepOutput(cellId, undefined);
    setAnalyses(produce((all) => delete all[cellId]));
    // A cell just made markdown opens as source, as Jupyter's M leaves it; Shift+Enter renders it.
    setEditingMarkdown(cellId, kind === 'markdown');
  };

  // Cells are listed by id, so typing in one (a new cell object per edit) never re-creates its editor.
  const cellIds = createMemo(() => notebook()?.cells.map((c) => c.id) ?? [], [], { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) });
  const cellById = (id: string) => notebook()?.cells.find((c) => c.id === id);

  const runAll = () => {
    for (const cell of notebook()?.cells ?? []) void runCell(cell.id);
  };
  const runAbove = (cellId: string) => {
    const cells = notebook()?.cells ?? [];
    for (const cell of cells.slice(0, cells.findIndex((c) => c.id === cellId))) void runCell(cell.id);
  };

  return (
    <section class="page notebook">
      <Show when={!missing()} fallback={<p class="empty">This notebook does not exist (it may have been deleted). <a href="#/">Go home</a>.</p>}>
        <Show when={notebook()}>
          {(nb) => (
            <>
              <header class="page-header notebook-toolbar">
                <h1>
                  <a href="#/">Home</a> /{' '}
                  <input
                    class="notebook-name"
                    value={nb().name}
                    aria-label="Notebook name"
                    onChange={(e) => edit({ type: 'rename', name: e.currentTarget.value })}
                  />
                  <SaveStatus state={syncState()} />
                </h1>
                <div class="actions">
                  <button data-testid="stop" disabled={kernelStatus() !== 'busy'} onClick={() => props.session.interrupt()} title="Stop the running cell">
                    ■ Stop
                  </button>
                  <button
                    data-testid="restart"
                    disabled={kernelStatus() === 'restarting' || kernelStatus() === 'starting'}
                    onClick={() => void props.session.restart()}
                    title="Restart the kernel: clears every name the cells defined"
                  >
                    ↻ Restart
                  </button>
                  <button data-testid="export-ipynb" onClick={() => downloadIpynb(nb(), new Map(Object.entries(unwrap(runs))))} title="Download as a Jupyter notebook">
                    ⤓ .ipynb
                  </button>
                  <ExportButton
                    label="⤓ With runs…"
                    class=""
                    testId="export-notebook"
                    subject={`notebook ${nb().name} with its runs`}
                    title="Export the notebook with every run it made: a Labbook bundle, or the runs' history as CSV, Feather, TensorBoard or MLflow"
                    formats={EXPORT_FORMATS}
                    write={exportWriter(props.store, { notebookIds: [nb().id] }, nb().name)}
                  />
                  <button data-testid="run-all" onClick={runAll}>
                    ▶▶ Run all
                  </button>
                  <button data-testid="add-cell" onClick={() => addCell(newCodeCell())}>
                    + Code cell
                  </button>
                  <button data-testid="add-markdown" onClick={() => addCell(newMarkdownCell())}>
                    + Markdown
                  </button>
                </div>
              </header>
              <NotebookSaveProblem state={syncState()} onTakeTheirs={() => sync.takeTheirs()} onKeepMine={() => sync.keepMine()} />
              <For each={cellIds()}>
                {(id) => (
                  <Show when={cellById(id)}>
                    {(cell) => (
                      <Switch>
                        <Match when={asCode(cell())}>
                          {(code) => (
                            <CellView
                              cell={code()}
                              run={runs[id]}
                              store={props.store}
                              focused={focusedCell() === id}
                              stale={stale().has(id)}
                              onEdit={(source) => edit({ type: 'editSource', cellId: id, source })}
                              onRun={(advance) => runAndAdvance(id, advance)}
                              onMove={(by) => edit({ type: 'moveCell', cellId: id, by })}
                              onRunAbove={() => runAbove(id)}
                              onToMarkdown={() => changeKind(id, 'markdown')}
                              onDuplicate={() => edit({ type: 'duplicateCell', cellId: id, newId: randomId(10) })}
                              onDelete={() => edit({ type: 'deleteCell', cellId: id })}
                            />
                          )}
                        </Match>
                        <Match when={asMarkdown(cell())}>
                          {(markdown) => (
                            <MarkdownCellView
                              cell={markdown()}
                              editing={editingMarkdown[id] === true}
                              focused={focusedCell() === id}
                              onEdit={(source) => edit({ type: 'editSource', cellId: id, source })}
                              onStartEditing={() => setEditingMarkdown(id, true)}
                              onRun={(advance) => runAndAdvance(id, advance)}
                              onToCode={() => {
                                changeKind(id, 'code');
                                setFocusedCell(id);
                              }}
                              onMove={(by) => edit({ type: 'moveCell', cellId: id, by })}
                              onDuplicate={() => edit({ type: 'duplicateCell', cellId: id, newId: randomId(10) })}
                              onDelete={() => edit({ type: 'deleteCell', cellId: id })}
                            />
                          )}
                        </Match>
                      </Switch>
                    )}
                  </Show>
                )}
              </For>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
