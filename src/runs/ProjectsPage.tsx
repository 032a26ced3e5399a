import { createSignal, For, Show } from 'solid-js';
import { FilePicker } from '../ui/FilePicker';
import type { LabbookStore } from '../store/labbookStore';
import { createLiveResource } from '../ui/liveResource';
import { formatAgo } from '../ui/format';
import { DeleteProjectButton, ProjectDeletion } from './ProjectDeletion';
import { ImportDialog, type ImportSource } from './ImportDialog';
import { ExportDialog } from '../ui/ExportDialog';
import { EXPORT_FORMATS, exportWriter } from '../exchange/runExports';

/** Props of ProjectsPage. */
export interface ProjectsPageProps {
  store: LabbookStore;
  /** Runs the built-in demo script; undefined while the kernel is not ready. */
  onCreateDemo: (() => void) | undefined;
  demoStatus: string | null;
}

/** The home page: every project with its run count, "Open TensorBoard logs…" and "Create demo runs". */
export function ProjectsPage(props: ProjectsPageProps) {
  const projects = createLiveResource({
    fetch: () => props.store.listProjects(),
    // Run counts and activity change only when a run is created, which posts a 'projects' notice; the far more frequent
    // run updates (every flush) would only repeat the same read.
    subscribe: (onChange) => props.store.feed.subscribe((n) => n.type === 'projects' && onChange()),
    // A sweep creates runs in bursts; re-reading the list for each would compete with the writes it reports on.
    minIntervalMs: 1000,
  });
  const [deleting, setDeleting] = createSignal<string | null>(null);
  const [importing, setImporting] = createSignal<ImportSource | null>(null);
  // The export dialog lives outside the rows: a refreshed list remounts its rows, which would close it mid-export.
  const [exporting, setExporting] = createSignal<string | null>(null);
  return (
    <section class="page">
      <header class="page-header">
        <h1>Projects</h1>
        <div class="actions">
          <Show when={props.demoStatus}>
            <span class="muted" data-testid="demo-status">
              {props.demoStatus}
            </span>
          </Show>
          <FilePicker
            label="Import bundle…"
            testId="import-bundle"
            title="Import a Labbook bundle (.labbook.zip); dropping it anywhere on the page does the same"
            accept=".zip,application/zip"
            onPick={([file]) => setImporting({ kind: 'file', file: file! })}
          />
          <FilePicker
            label="Open TensorBoard logs…"
            testId="import-tensorboard"
            title="Pick a TensorBoard log directory: each folder of event files becomes a run (dropping it on the page does the same)"
            folder
            onPick={(files) => setImporting({ kind: 'logdir', files: files.map((file) => ({ path: file.webkitRelativePath || file.name, file })) })}
          />
          <button class="primary" disabled={!props.onCreateDemo} onClick={() => props.onCreateDemo?.()} data-testid="create-demo">
            Create demo runs
          </button>
        </div>
      </header>
      <Show
        when={(projects.value() ?? []).length > 0}
        fallback={
          <p class="empty">
            No projects yet. Runs appear here as soon as code calls <code>init({'{'} project {'}'})</code>; try <b>Create demo runs</b> to see three
            simulated training runs.
          </p>
        }
      >
        <table class="grid">
          <thead>
            <tr>
              <th>Project</th>
              <th class="num">Runs</th>
              <th>Last activity</th>
              <th>
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={projects.value()}>
              {(project) => (
                <tr>
                  <td>
                    <a href={`#/p/${encodeURIComponent(project.name)}`}>{project.name}</a>
                  </td>
                  <td class="num">{project.runCount}</td>
                  <td>{formatAgo(project.updatedAt)}</td>
                  <td class="row-actions">
                    <button class="link" data-testid="export-project-row" title={`Export project ${project.name}: a Labbook bundle, CSV, Feather, TensorBoard or MLflow`} onClick={() => setExporting(project.name)}>
                      Export…
                    </button>
                    <DeleteProjectButton project={project.name} onClick={() => setDeleting(project.name)} />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <ProjectDeletion store={props.store} project={deleting()} onClose={() => setDeleting(null)} />
      <Show when={exporting()} keyed>
        {(project) => <ExportDialog subject={`project ${project}`} formats={EXPORT_FORMATS} write={exportWriter(props.store, { projects: [project] }, project)} onClose={() => setExporting(null)} />}
      </Show>
      <Show when={importing()} keyed>
        {(source) => <ImportDialog store={props.store} source={source} onClose={() => setImporting(null)} />}
      </Show>
    </section>
  );
}
