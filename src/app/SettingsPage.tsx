import { createSignal, For, onCleanup, Show } from 'solid-js';
import { ExportButton } from '../ui/ExportButton';
import { ExportDialog } from '../ui/ExportDialog';
import { EXPORT_FORMATS, exportWriter } from '../exchange/runExports';
import type { LabbookStore } from '../store/labbookStore';
import { formatDateTime } from '../ui/format';
import { formatBytes } from '../lib/formatBytes';
import { createLiveResource } from '../ui/liveResource';
import { DeleteProjectButton, ProjectDeletion } from '../runs/ProjectDeletion';
import { STORAGE_WARNING_SHARE, usedShare, type StorageFigures, type StorageMonitor } from './storageMonitor';
import { PERSISTENCE_SETTING, type StoragePersistence } from './storagePersistence';

/** Props of SettingsPage. */
export interface SettingsPageProps {
  store: LabbookStore;
  storage: StorageMonitor;
  persistence: StoragePersistence;
}

/** Settings: the browser storage Labbook uses — how much, whether it is kept, and what to delete to free it. */
export function SettingsPage(props: SettingsPageProps) {
  return (
    <section class="page settings" data-testid="settings">
      <header class="page-header">
        <h1>Settings</h1>
      </header>
      <StorageSection {...props} />
    </section>
  );
}

/** "37 %", or "under 1 %" rather than a "0 %" that reads as empty. */
function percentUsed(figures: StorageFigures): string {
  const percent = Math.round(usedShare(figures) * 100);
  return percent === 0 && figures.usage > 0 ? 'under 1 %' : `${percent} %`;
}

function StorageSection(props: SettingsPageProps) {
  const [figures, setFigures] = createSignal<StorageFigures | null>(props.storage.current);
  onCleanup(props.storage.subscribe(setFigures));
  void props.storage.refresh();
  const persistence = createLiveResource({
    fetch: async () => ({ persisted: await props.persistence.persisted(), answer: await props.persistence.lastAnswer() }),
    subscribe: (onChange) => props.store.feed.subscribe((n) => n.type === 'settings' && n.key === PERSISTENCE_SETTING && onChange()),
  });
  const [asking, setAsking] = createSignal(false);
  const askAgain = async () => {
    setAsking(true);
    try {
      await props.persistence.request();
    } finally {
      setAsking(false);
    }
  };
  const projects = createLiveResource({
    fetch: () => props.store.projectStorageUse(),
    // Runs come and go and grow; the table is re-read at most every few seconds while the page is open.
    subscribe: (onChange) => props.store.feed.subscribe((n) => (n.type === 'projects' || n.type === 'history') && onChange()),
    minIntervalMs: 3000,
  });
  const [deleting, setDeleting] = createSignal<string | null>(null);
  // The export dialog lives outside the rows: the table is re-read as runs log, which would close it mid-export.
  const [exporting, setExporting] = createSignal<string | null>(null);

  return (
    <section class="settings-section" aria-labelledby="storage-title">
      <h2 id="storage-title">Storage</h2>
      <Show when={props.storage.supported} fallback={<p class="muted">This browser does not say how much storage Labbook uses.</p>}>
        <Show when={figures()} fallback={<p class="muted">Reading storage use…</p>}>
          {(f) => (
            <div class="storage-use" data-testid="storage-use">
              <meter min={0} max={1} value={usedShare(f())} high={STORAGE_WARNING_SHARE} optimum={0} aria-label="Storage used" />
              <p>
                <b data-testid="storage-used">{formatBytes(f().usage)}</b> used of <b data-testid="storage-quota">{formatBytes(f().quota)}</b> this browser
                lets Labbook use ({percentUsed(f())}), <span data-testid="storage-free">{formatBytes(Math.max(0, f().quota - f().usage))}</span> free.
              </p>
              <p class="muted">
                Past {STORAGE_WARNING_SHARE * 100} % the top bar warns; when storage is full, runs stop logging and fail. Deleted runs are gone at once,
                but Chromium gives their disk space back only when it compacts its storage, after every Labbook tab has been closed (at most once every
                one to three days): until then this figure may not drop, and can even grow.
              </p>
            </div>
          )}
        </Show>
      </Show>
      <Show when={props.storage.supported && persistence.value()}>
        {(p) => (
          <p data-testid="storage-persistence">
            <Show
              when={p().persisted}
              fallback={
                <>
                  <b>Not persistent:</b> the browser may clear Labbook's data when the disk runs low.{' '}
                  <Show when={p().answer}>{(a) => <span class="muted">(Asked {formatDateTime(a().askedAt)}: {a().granted ? 'granted' : 'not granted'}.) </span>}</Show>
                  <Show when={p().persisted === false}>
                    <button data-testid="ask-persistence" disabled={asking()} onClick={() => void askAgain()}>
                      Ask the browser to keep it
                    </button>
                  </Show>
                </>
              }
            >
              <b>Persistent:</b> the browser keeps Labbook's data until you delete it.
            </Show>
          </p>
        )}
      </Show>
      <p>
        <ExportButton
          label="Export everything…"
          class="primary"
          testId="export-everything"
          subject="everything"
          title="Every project with its runs and workspace, and every notebook, in one file: the copy to keep before a browser clears its storage"
          formats={EXPORT_FORMATS}
          write={exportWriter(props.store, async () => ({ projects: (await props.store.listProjects()).map((p) => p.name), notebookIds: (await props.store.listNotebooks()).map((n) => n.id) }), 'labbook-everything')}
        />{' '}
        <span class="muted">A browser may clear what a site stores; a bundle is the copy that survives it, and imports anywhere (drop it on any page).</span>
      </p>
      <h3>History per project</h3>
      <Show when={(projects.value() ?? []).length > 0} fallback={<p class="muted">{projects.value() ? 'No projects yet.' : 'Reading…'}</p>}>
        <table class="grid storage-projects" data-testid="storage-projects">
          <thead>
            <tr>
              <th>Project</th>
              <th class="num">Runs</th>
              <th class="num">Points</th>
              <th class="num">History (about)</th>
              <th>
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={projects.value()}>
              {(use) => (
                <tr data-project={use.project}>
                  <td>
                    <a href={`#/p/${encodeURIComponent(use.project)}`} title="Open the workspace, to delete single runs">
                      {use.project}
                    </a>
                  </td>
                  <td class="num">{use.runs}</td>
                  <td class="num">{use.points.toLocaleString('en-US')}</td>
                  <td class="num">{formatBytes(use.bytes)}</td>
                  <td class="row-actions">
                    <button class="link" data-testid="export-project-row" title={`Export project ${use.project}: a Labbook bundle, CSV, Feather, TensorBoard or MLflow`} onClick={() => setExporting(use.project)}>
                      Export…
                    </button>
                    <DeleteProjectButton project={use.project} onClick={() => setDeleting(use.project)} />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <ProjectDeletion store={props.store} project={deleting()} onClose={() => setDeleting(null)} onDeleted={() => void props.storage.refresh()} />
      <Show when={exporting()} keyed>
        {(project) => <ExportDialog subject={`project ${project}`} formats={EXPORT_FORMATS} write={exportWriter(props.store, { projects: [project] }, project)} onClose={() => setExporting(null)} />}
      </Show>
    </section>
  );
}
