import * as monaco from 'monaco-editor';
import { cellCopy, cellCopyPath, mentionedIn, notebookScopeFile, NOTEBOOK_SCOPE_PATH, topLevelNames, type DeclaredName, type NavigationItem } from './notebookDeclarations';
import { CELL_MODELS } from './cellEditor';
import { setUpCellTypeScript } from './typescriptSetup';

/** A TypeScript cell of the notebook, as the scope reads it. */
export interface ScopeSource {
  id: string;
  source: string;
}

/** Keeps the editor's TypeScript aware of the names the notebook's cells declare at the top level (notebookScopeFile). */
export interface NotebookScope {
  /** The notebook's TypeScript cells as they are now, in order; they are analysed once edits pause. */
  setCells(cells: readonly ScopeSource[]): void;
  dispose(): void;
}

const namesKey = (names: readonly DeclaredName[]) => names.map((n) => `${n.kind} ${n.name}`).join();

/** Typing pauses this long before the cells are analysed again (Monaco re-checks every cell when the scope changes). */
const SETTLE_MS = 300;

/**
 * Makes a notebook's scope: each cell's copy and the scope file are extra libs of Monaco's TypeScript; each cell's
 * top-level names come from the TypeScript worker's navigation tree of its copy, so they are found by the same parser
 * that checks the cells (types, interfaces, destructuring and imports included).
 */
export function createNotebookScope(): NotebookScope {
  const defaults = monaco.typescript.typescriptDefaults;
  const libs = new Map<string, { content: string; handle: monaco.IDisposable }>();
  const analysed = new Map<string, { source: string; names: DeclaredName[] }>();
  let cells: readonly ScopeSource[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;
  const namesOf = (id: string) => analysed.get(id)?.names ?? [];

  const publish = () => {
    const wanted = new Map(cells.map((cell) => [cellCopyPath(cell.id), cellCopy(cell.source, namesOf(cell.id))]));
    wanted.set(NOTEBOOK_SCOPE_PATH, notebookScopeFile(cells.map((cell) => ({ id: cell.id, names: namesOf(cell.id) }))));
    for (const [path, lib] of libs) {
      if (wanted.has(path)) continue;
      lib.handle.dispose();
      libs.delete(path);
    }
    for (const [path, content] of wanted) if (libs.get(path)?.content !== content) libs.set(path, { content, handle: defaults.addExtraLib(content, path) });
  };

  const analyse = async () => {
    const run = ++generation;
    for (const id of analysed.keys()) if (!cells.some((cell) => cell.id === id)) analysed.delete(id);
    publish();
    const pending = cells.filter((cell) => analysed.get(cell.id)?.source !== cell.source);
    if (pending.length === 0) return;
    await setUpCellTypeScript();
    // Monaco sends changed extra libs to its worker from a zero-delay timer queued by publish(), so this one runs after
    // it and the worker has the new copies before it is asked about them.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const worker = await (await monaco.typescript.getTypeScriptWorker())();
    // Analyses queued while the worker started are dropped but the latest: each would build the same program first.
    if (run !== generation) return;
    let changed = false;
    for (const cell of pending) {
      const copy = cellCopy(cell.source, namesOf(cell.id));
      const tree = (await worker.getNavigationTree(cellCopyPath(cell.id)).catch(() => undefined)) as NavigationItem | undefined;
      // Late answers are dropped: a newer analysis has the newer cells.
      if (run !== generation) return;
      // A worker that lacks the copy, or has another version of it (its length tells), would give wrong names.
      if (tree?.spans[0]?.length !== copy.length) {
        schedule();
        continue;
      }
      const names = topLevelNames(tree, cell.source.length);
      changed ||= namesKey(names) !== namesKey(namesOf(cell.id));
      analysed.set(cell.id, { source: cell.source, names });
    }
    if (changed) publish();
  };

  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void analyse();
    }, SETTLE_MS);
  };

  // TypeScript checks a cell on its own, so a top-level name that only other cells read is "declared but never read"
  // there, and Monaco fades it. Such markers are dropped, when TypeScript sets them and when another cell changes; a
  // name no cell mentions stays faded.
  const unfade = (model: monaco.editor.ITextModel) => {
    const markers = monaco.editor.getModelMarkers({ resource: model.uri, owner: 'typescript' });
    const others = cells.filter((cell) => cell.source !== model.getValue()).map((cell) => cell.source);
    // The message names the name ("'t' is declared but its value is never read."); the range may span its statement.
    const nameOf = (marker: monaco.editor.IMarker) => /^'([\w$]+)'/.exec(marker.message)?.[1] ?? model.getValueInRange(marker);
    const kept = markers.filter((marker) => !(marker.tags?.includes(monaco.MarkerTag.Unnecessary) && mentionedIn(nameOf(marker), others)));
    if (kept.length < markers.length) monaco.editor.setModelMarkers(model, 'typescript', kept);
  };
  const isCell = (model: monaco.editor.ITextModel | null): model is monaco.editor.ITextModel => model?.uri.path.startsWith(CELL_MODELS) ?? false;
  // Not from inside the listener: Monaco delivers marker events from a queue that it empties after calling the
  // listeners, so a change made while they run is dropped with it and the faded decoration would stay.
  const unfading = monaco.editor.onDidChangeMarkers((uris) => {
    const models = uris.map((uri) => monaco.editor.getModel(uri)).filter(isCell);
    queueMicrotask(() => models.filter((model) => !model.isDisposed()).forEach(unfade));
  });

  return {
    setCells(next) {
      cells = next;
      monaco.editor.getModels().filter(isCell).forEach(unfade);
      schedule();
    },
    dispose() {
      unfading.dispose();
      if (timer !== null) clearTimeout(timer);
      generation++;
      for (const lib of libs.values()) lib.handle.dispose();
      libs.clear();
    },
  };
}
