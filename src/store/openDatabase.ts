import { openDB, type IDBPDatabase } from 'idb';
import { MIGRATIONS, type Migration } from './migrations';
import { DEFAULT_DB_NAME, type LabbookSchema } from './schema';

/** Options for opening the Labbook database. */
export interface OpenDatabaseOptions {
  name?: string;
  /** The schema history; tests pass a longer list to exercise an upgrade. */
  migrations?: readonly Migration[];
}

/** Opens (creating or upgrading as needed) the database, running each migration after the stored version once. */
export function openDatabase(options: OpenDatabaseOptions = {}): Promise<IDBPDatabase<LabbookSchema>> {
  const migrations = options.migrations ?? MIGRATIONS;
  return openDB<LabbookSchema>(options.name ?? DEFAULT_DB_NAME, migrations.length, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < migrations.length; v++) migrations[v]!(db, tx);
    },
    blocking(_current, _blocked, event) {
      // Another tab wants a newer schema: let it upgrade rather than both waiting forever.
      (event.target as IDBDatabase).close();
    },
  });
}
