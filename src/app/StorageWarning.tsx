import { createSignal, onCleanup, Show } from 'solid-js';
import { formatBytes } from '../lib/formatBytes';
import { nearlyFull, usedShare, type StorageFigures, type StorageMonitor } from './storageMonitor';

/** The top bar's warning once storage is past 80 % full, linking to the settings page where runs can be deleted. */
export function StorageWarning(props: { storage: StorageMonitor }) {
  const [figures, setFigures] = createSignal<StorageFigures | null>(props.storage.current);
  onCleanup(props.storage.subscribe(setFigures));
  return (
    <Show when={figures() && nearlyFull(figures()!) ? figures() : null}>
      {(f) => (
        <a
          class="storage-warning"
          href="#/settings"
          data-testid="storage-warning"
          title={`${formatBytes(f().usage)} of ${formatBytes(f().quota)} used: delete runs or projects to free space`}
        >
          Storage {Math.round(usedShare(f()) * 100)} % full
        </a>
      )}
    </Show>
  );
}
