// The Worker's `env` on one server (issue 23): the settings from server/settings.ts and every binding
// built over DATA_DIR. A binding the Worker gains (wrangler.toml) is one line in BINDINGS.
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { d1OverSqlite } from './d1-sqlite.ts';
import { filesInFolder } from './files-bucket.ts';
import { openDatabase } from './open-database.ts';
import { ASSETS_ROOT, assetsBinding } from './static-assets.ts';

/** Where the server keeps what it stores: the SQLite file, the files, the backups. */
export const dataPaths = (dataDir: string) => ({
  db: join(dataDir, 'db.sqlite'),
  files: join(dataDir, 'files'),
  backups: join(dataDir, 'backups'),
});

type Storage = { sqlite: DatabaseSync; dataDir: string };

const BINDINGS = {
  DB: ({ sqlite }: Storage) => d1OverSqlite(sqlite),
  FILES: ({ dataDir }: Storage) => filesInFolder(dataPaths(dataDir).files),
  ASSETS: () => assetsBinding(ASSETS_ROOT), // the built assets, as wrangler.toml [assets] binds them
} satisfies Record<string, (s: Storage) => unknown>;

export type NodeEnv = Env & { [K in keyof typeof BINDINGS]: ReturnType<(typeof BINDINGS)[K]> };

/** The env for `vars` over the storage in `dataDir` (the database file opened here unless given). */
export function buildEnv(vars: Record<string, string>, dataDir: string, sqlite = openDatabase(dataPaths(dataDir).db)): NodeEnv {
  const storage = { sqlite, dataDir };
  const bindings = Object.fromEntries(Object.entries(BINDINGS).map(([name, make]) => [name, make(storage)]));
  return { ...vars, ...bindings } as unknown as NodeEnv;
}
