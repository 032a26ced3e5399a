import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { MIGRATIONS, type Migration } from './migrations';
import { DEFAULT_DB_NAME, type LabbookSchema } from './schema';

type UpgradeTransaction = IDBPTransaction<LabbookSchema, StoreNames<LabbookSchema>[], 'versionchange'>;

/** Options for opening the Labbook database. */
export interface OpenDatabaseOptions {
  name?: string;
  /** The schema history; tests pass a longer list to exercise an upgrade. */
  migrations?: readonly Migration[];
  /**
   * Told when this connection was closed from outside: another tab opened a newer schema (this one closes so that
   * the upgrade can go on), or the browser ended it. Every later read and write fails, so the page must be reloaded.
   */
  onClosed?: (reason: DatabaseClosedReason) => void;
}

/** Why the database connection closed under the page. */
export type DatabaseClosedReason = 'upgraded-elsewhere' | 'terminated';

/** Opens (creating or upgrading as needed) the database, running each migration after the stored version once. */
export function openDatabase(options: OpenDatabaseOptions = {}): Promise<IDBPDatabase<LabbookSchema>> {
  const migrations = options.migrations ?? MIGRATIONS;
  return openDB<LabbookSchema>(options.name ?? DEFAULT_DB_NAME, migrations.length, {
    upgrade(db, oldVersion, _newVersion, tx) {
      runMigrations(migrations.slice(oldVersion), db, tx);
    },
    blocking(_current, _blocked, event) {
      // Another tab wants a newer schema: let it upgrade rather than both waiting forever.
      (event.target as IDBDatabase).close();
      options.onClosed?.('upgraded-elsewhere');
    },
    terminated() {
      options.onClosed?.('terminated');
    },
  });
}

/**
 * Runs migrations in order inside the upgrade transaction. A migration that returns a promise (it moves data) is
 * awaited before the next starts; if it fails the transaction is aborted, so the database stays at its old version
 * and opening it fails.
 */
function runMigrations(pending: readonly Migration[], db: IDBPDatabase<LabbookSchema>, tx: UpgradeTransaction): void {
  for (let i = 0; i < pending.length; i++) {
    const moving = pending[i]!(db, tx);
    // instanceof, not truthiness: a step typed to return void may still return a value (`() => list.push(x)`).
    if (moving instanceof Promise) {
      moving
        .then(() => runMigrations(pending.slice(i + 1), db, tx))
        .catch((error: unknown) => {
          // The open then fails with a bare AbortError; this says which step failed and why.
          console.error('Labbook: a database upgrade step failed, so the database keeps its old version:', error);
          // The open request reports the abort; the transaction's own promise would otherwise reject unheard.
          tx.done.catch(() => undefined);
          tx.abort();
        });
      return;
    }
  }
}
