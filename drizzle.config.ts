import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL here; wrangler applies it (`migrations_dir` in wrangler.toml) and the
// tests read the same folder. Review every generated file: D1 must never see a table rebuild that
// drops child rows (STYLE.md, known traps).
export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './schema/tables.ts',
    './schema/survey-tables.ts',
    './schema/memo-tables.ts',
    './schema/job-tables.ts',
    './schema/ledger-tables.ts',
    './schema/audit-tables.ts',
    './schema/memo-record-tables.ts',
  ],
  out: './schema/migrations',
  casing: 'snake_case',
});
