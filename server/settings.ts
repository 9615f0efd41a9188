// The server's settings (issue 23), from the environment or a `.env` file beside package.json: the
// Worker's vars and secrets (wrangler.toml [vars], worker/env-*.d.ts) plus what only the server has.
// It refuses to start without the required ones and says which are missing and how to set them.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The Worker's settings the server passes through as they are (README § Bindings). */
export const REQUIRED_VARS = ['APP_ORIGIN', 'LINK_SECRET'] as const;
export const OPTIONAL_VARS = ['WEBHOOK_SECRET', 'EMAIL_FROM', 'SUPPRESSION_K', 'LIKERT_POINTS'] as const;

export type Settings = {
  vars: Record<string, string>;
  host: string;
  port: number;
  dataDir: string;
  /** Peers whose X-Forwarded-For is believed (server/client-address.ts). */
  trustedProxies: string[];
  /** How many daily backups to keep (server/backup.ts). */
  backupKeep: number;
};

export class SettingsError extends Error {}

/** Loads `.env` into process.env when it exists; what the environment already holds wins. */
export function loadEnvFile(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

const integer = (name: string, raw: string | undefined, fallback: number, min: number) => {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new SettingsError(`${name} must be a whole number ≥ ${min}, not ${JSON.stringify(raw)}`);
  return n;
};

export function readSettings(source: Record<string, string | undefined> = process.env): Settings {
  const missing = REQUIRED_VARS.filter((name) => !source[name]);
  if (missing.length > 0)
    throw new SettingsError(
      `missing required setting${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.\n` +
        'Set them in the environment or in a .env file beside package.json, e.g.\n' +
        '  APP_ORIGIN=https://survey.example.gov.cn\n' +
        `  LINK_SECRET=${'$'}(openssl rand -base64 32)\n` +
        "(README § Self-hosting on one server). LINK_SECRET keys every survey link: keep it, don't change it.",
    );
  const origin = source.APP_ORIGIN as string;
  if (!/^https?:\/\/[^/]+$/.test(origin))
    throw new SettingsError(`APP_ORIGIN must be an origin such as https://survey.example.gov.cn, not ${JSON.stringify(origin)}`);
  const vars: Record<string, string> = {};
  for (const name of [...REQUIRED_VARS, ...OPTIONAL_VARS]) {
    const value = source[name];
    if (value) vars[name] = value;
  }
  return {
    vars,
    host: source.HOST || '127.0.0.1',
    port: integer('PORT', source.PORT, 8788, 1),
    dataDir: resolve(source.DATA_DIR || 'data'),
    trustedProxies: (source.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    backupKeep: integer('BACKUP_KEEP', source.BACKUP_KEEP, 7, 1),
  };
}
