// `npm run serve:backup`: a backup now, beside the daily one (server/backup.ts), e.g. before an upgrade.
// Safe while the server runs: SQLite's backup API copies a consistent state of the live file.
import { backupDatabase } from './backup.ts';
import { dataPaths } from './env.ts';
import { openDatabase } from './open-database.ts';
import { loadEnvFile, readSettings } from './settings.ts';

loadEnvFile();
const { dataDir, backupKeep } = readSettings({ ...process.env, APP_ORIGIN: 'http://unused', LINK_SECRET: 'unused' });
const sqlite = openDatabase(dataPaths(dataDir).db);
console.log(await backupDatabase(sqlite, dataPaths(dataDir).backups, backupKeep));
sqlite.close();
