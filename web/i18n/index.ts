// The message catalogue: every user-visible string, Simplified Chinese by default with English.
// Add a feature's strings as a new file beside this one and list it here (its Chinese table) and in
// en.ts (its English table); define.ts says why the two are apart.
import { admin } from './admin';
import { audit } from './audit';
import { auth } from './auth';
import { common } from './common';
import { enterprisePage } from './enterprise-page';
import { enterprises } from './enterprises';
import { downloads } from './exports';
import { figures } from './figures';
import { formBuilder } from './form-builder';
import { forms } from './forms';
import { home } from './home';
import { imports } from './imports';
import { ledger } from './ledger';
import { ledgerAdmin } from './ledger-admin';
import { ledgerImport } from './ledger-import';
import { memoRecords } from './memo-records';
import { memos } from './memos';
import { officers } from './officers';
import { offline } from './offline';
import { programmes } from './programmes';
import { report } from './report';
import { rounds } from './rounds';
import { sheetImports } from './sheet-imports';
import { stats } from './stats';
import { statsOverview } from './stats-overview';
import { surveys } from './surveys';

const catalogues = [
  common,
  auth,
  admin,
  home,
  enterprises,
  officers,
  programmes,
  imports,
  sheetImports,
  ledgerImport,
  forms,
  formBuilder,
  surveys,
  rounds,
  memos,
  memoRecords,
  offline,
  ledger,
  ledgerAdmin,
  enterprisePage,
  stats,
  statsOverview,
  downloads,
  audit,
  figures,
  report,
] as const;

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type Merge<T extends readonly Record<string, string>[]> = T extends readonly [
  infer H extends Record<string, string>,
  ...infer R extends readonly Record<string, string>[],
]
  ? H & Merge<R>
  : unknown;
export type Messages = Merge<typeof catalogues>;
export type MessageKey = keyof Messages & string;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * The merged tables. Chinese is built when first asked for (not at load: start-up CPU); English is not in
 * the bundle and is handed in by provideCatalogue (worker/lib/languages.ts loads dist/client/i18n/en.json
 * before anything renders; tests and scripts may pass en.ts's englishCatalogue).
 */
const tables: Partial<Record<Lang, Record<string, string>>> = {};
const tableOf = (lang: Lang): Record<string, string> => {
  if (lang === 'zh') tables.zh ??= Object.assign({}, ...catalogues);
  const table = tables[lang];
  if (!table) throw new Error(`The ${lang} message catalogue is not loaded (worker/lib/languages.ts)`);
  return table;
};

/** Whether translator(lang) can be used now: Chinese always, English once its table has been provided. */
export const hasCatalogue = (lang: Lang): boolean => lang === 'zh' || tables[lang] !== undefined;

/** Hands in a language's merged table (English: dist/client/i18n/en.json, or en.ts's englishCatalogue). */
export function provideCatalogue(lang: Exclude<Lang, 'zh'>, table: Record<MessageKey, string>): void {
  tables[lang] = table;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in tableOf('zh');
}

/** A language's translate function; English throws if its table was not provided first (hasCatalogue). */
export function translator(lang: Lang): Translate {
  return (key, params) => {
    const text = tableOf(lang)[key] ?? tableOf('zh')[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
  };
}
