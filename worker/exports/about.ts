// What the .xlsx "说明" sheet says of each download: a column's meaning (export.about.*) and the notes on
// the file's scope and 口径 (export.note.*), in Chinese like the files themselves (format.ts).
import type { MessageKey } from '../../web/i18n';
import type { Period } from '../stats/period';
import { zh } from './format';

/** The meaning of a column: export.about.<key>. */
export const about = (key: string, params?: Record<string, string | number>) => zh(`export.about.${key}` as MessageKey, params);

/** "<programme>：<what> <from> 至 <to>" — the rows a programme × period download holds. */
export const periodNote = (programme: string, period: Period, by: MessageKey) =>
  zh('export.note.period', { programme, by: zh(by), from: period.from, to: period.to });

/** Instants are China time in both formats (DESIGN §7). */
export const chinaTimeNote = () => zh('export.note.chinaTime');
