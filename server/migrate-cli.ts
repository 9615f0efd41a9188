// `npm run serve:migrate`: migrates DATA_DIR/db.sqlite (README § Self-hosting on one server).
import { dataPaths } from './env.ts';
import { applyMigrations } from './migrate.ts';
import { openDatabase } from './open-database.ts';
import { loadEnvFile } from './settings.ts';

loadEnvFile();
const file = dataPaths(process.env.DATA_DIR || 'data').db;
const sqlite = openDatabase(file);
const applied = applyMigrations(sqlite);
sqlite.close();
console.log(applied.length === 0 ? `${file}: up to date` : `${file}: applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`);
