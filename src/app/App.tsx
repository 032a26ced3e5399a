import { createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { backendLabel } from '../model/runs/backendLabel';
import { BACKEND_SETTINGS, parseBackendSetting } from '../kernel/backendChoice';
import type { BackendChoice } from './backendSetting';
import type { Session, KernelStatus } from '../session/session';
import type { LabbookStore } from '../store/labbookStore';
import { ProjectsPage } from '../runs/ProjectsPage';
import { RunPage } from '../runs/RunPage';
import { WorkspacePage } from '../workspace/WorkspacePage';
import { NotebookPage } from '../notebook/NotebookPage';
import { NotebooksList } from '../notebook/NotebooksList';
import { onProblem, reportIfFails } from '../ui/problems';
import { DEMO_SCRIPT } from './demoScript';
import { parseRoute } from './routes';
import { SettingsPage } from './SettingsPage';
import type { StorageMonitor } from './storageMonitor';
import type { StoragePersistence } from './storagePersistence';
import { StorageWarning } from './StorageWarning';
import { ImportDrop } from './ImportDrop';

/** Props of App. */
export interface AppProps {
  store: LabbookStore;
  session: Session;
  backend: BackendChoice;
  storage: StorageMonitor;
  persistence: StoragePersistence;
}

/** The shell: top bar with kernel status, and the view the hash route names. */
export function App(props: AppProps) {
  const [route, setRoute] = createSignal(parseRoute(location.hash));
  const onHash = () => setRoute(parseRoute(location.hash));
  window.addEventListener('hashchange', onHash);
  onCleanup(() => window.removeEventListener('hashchange', onHash));

  const [status, setStatus] = createSignal<KernelStatus>(props.session.status);
  onCleanup(props.session.onStatus(setStatus));
  const [backend, setBackend] = createSignal<string | null>(null);
  const [alerts, setAlerts] = createSignal<readonly string[]>([]);
  // The same problem reported again (a save retried) shows once.
  const addAlert = (message: string) => setAlerts((shown) => (shown.includes(message) ? shown : [...shown, message]));
  onCleanup(props.session.onError(addAlert));
  onCleanup(onProblem(addAlert));
  const [storageClosed, setStorageClosed] = createSignal<string | null>(null);
  onCleanup(props.store.onClosed(setStorageClosed));
  const [demoStatus, setDemoStatus] = createSignal<string | null>(null);
  onCleanup(props.session.onStatus((s) => s === 'idle' && setBackend(props.session.environment ? backendLabel(props.session.environment) : 'none')));

  const changeBackend = async (value: string) => {
    await props.backend.set(parseBackendSetting(value));
    await props.session.restart();
  };

  const createDemo = async () => {
    setDemoStatus('creating 3 runs…');
    const outcome = await props.session.execute(DEMO_SCRIPT);
    await props.session.whenIdle();
    setDemoStatus(outcome.ok ? 'created 3 demo runs in project quickstart' : `demo failed: ${outcome.error.message}`);
  };

  return (
    <div class="shell">
      <nav class="topbar">
        <a class="brand" href="#/">
          Labbook
        </a>
        <span class="spacer" />
        <StorageWarning storage={props.storage} />
        <span class={`kernel-status kernel-${status()}`} data-testid="kernel-status" title="kernel status">
          kernel {status()}
        </span>
        <Show when={backend()}>
          <span class="backend" data-testid="backend" title="the tfjs backend cells run on">
            {backend()}
          </span>
        </Show>
        <label class="backend-choice" title="tfjs backend for the kernel; changing it restarts the kernel (names defined by cells are lost)">
          <select
            data-testid="backend-setting"
            value={props.backend.value}
            onChange={(e) => reportIfFails('the backend could not be changed', changeBackend(e.currentTarget.value))}
          >
            <For each={BACKEND_SETTINGS}>{(setting) => <option value={setting}>{setting === 'auto' ? 'backend: auto' : `backend: ${setting}`}</option>}</For>
          </select>
        </label>
        <a class="settings-link" href="#/settings" data-testid="settings-link" aria-current={route().view === 'settings' ? 'page' : undefined}>
          Settings
        </a>
      </nav>
      <Show when={storageClosed()}>
        <div class="alert" role="alert" data-testid="storage-closed">
          {storageClosed()}{' '}
          <button onClick={() => location.reload()}>Reload</button>
        </div>
      </Show>
      <For each={alerts()}>
        {(message) => (
          <div class="alert" role="alert">
            {message}
            <button class="link" onClick={() => setAlerts((shown) => shown.filter((m) => m !== message))}>
              dismiss
            </button>
          </div>
        )}
      </For>
      <ImportDrop store={props.store} />
      <main>
        <Switch>
          <Match when={route().view === 'projects'}>
            <ProjectsPage store={props.store} onCreateDemo={status() === 'idle' ? () => void createDemo() : undefined} demoStatus={demoStatus()} />
            <NotebooksList store={props.store} />
          </Match>
          <Match when={route().view === 'notebook' && route()} keyed>
            {(r) => r.view === 'notebook' && <NotebookPage store={props.store} session={props.session} notebookId={r.notebookId} />}
          </Match>
          <Match when={route().view === 'runs' && route()} keyed>
            {(r) => r.view === 'runs' && <WorkspacePage store={props.store} project={r.project} />}
          </Match>
          <Match when={route().view === 'run' && route()} keyed>
            {(r) => r.view === 'run' && <RunPage store={props.store} project={r.project} runId={r.runId} />}
          </Match>
          <Match when={route().view === 'settings'}>
            <SettingsPage store={props.store} storage={props.storage} persistence={props.persistence} />
          </Match>
          <Match when={route().view === 'notFound'}>
            <p class="empty">
              Nothing lives at this address. <a href="#/">Go to projects</a>.
            </p>
          </Match>
        </Switch>
      </main>
    </div>
  );
}
