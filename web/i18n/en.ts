// The English catalogue, merged in the order of index.ts. Not imported by anything the Worker runs: the
// build writes it to dist/client/i18n/en.json (vite.config.ts) and worker/lib/languages.ts loads that;
// the self-hosted server serves the same file, and tests and scripts may import it directly (define.ts).
import { adminEn } from './admin';
import { auditEn } from './audit';
import { authEn } from './auth';
import { commonEn } from './common';
import { enterprisePageEn } from './enterprise-page';
import { enterprisesEn } from './enterprises';
import { downloadsEn } from './exports';
import { figuresEn } from './figures';
import { formBuilderEn } from './form-builder';
import { formsEn } from './forms';
import { homeEn } from './home';
import { importsEn } from './imports';
import type { MessageKey } from './index';
import { ledgerEn } from './ledger';
import { ledgerAdminEn } from './ledger-admin';
import { ledgerImportEn } from './ledger-import';
import { memoRecordsEn } from './memo-records';
import { memosEn } from './memos';
import { officersEn } from './officers';
import { offlineEn } from './offline';
import { programmesEn } from './programmes';
import { reportEn } from './report';
import { roundsEn } from './rounds';
import { sheetImportsEn } from './sheet-imports';
import { statsEn } from './stats';
import { statsOverviewEn } from './stats-overview';
import { surveysEn } from './surveys';

export const englishCatalogue: Record<MessageKey, string> = Object.assign(
  {},
  commonEn,
  authEn,
  adminEn,
  homeEn,
  enterprisesEn,
  officersEn,
  programmesEn,
  importsEn,
  sheetImportsEn,
  ledgerImportEn,
  formsEn,
  formBuilderEn,
  surveysEn,
  roundsEn,
  memosEn,
  memoRecordsEn,
  offlineEn,
  ledgerEn,
  ledgerAdminEn,
  enterprisePageEn,
  statsEn,
  statsOverviewEn,
  downloadsEn,
  auditEn,
  figuresEn,
  reportEn,
);
