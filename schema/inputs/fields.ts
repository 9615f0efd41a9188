// Building blocks for the strict zod input schemas. Messages are catalogue keys (web/i18n), turned into
// the reader's language by worker/lib/validate.ts.
import * as z from 'zod';
import { isValidCreditCode, normaliseCreditCode } from '../credit-code';
import { onFirstUse } from '../on-first-use';
import { isCalendarDate, isDate } from '../rules/china-time';

/** Trimmed text, required unless `optional`, bounded so no field can hold a novel. */
export const text = (max: number) => z.string().trim().min(1, 'err.required').max(max);
export const optionalText = (max: number) => z.string().trim().max(max).default('');

/** An HTML checkbox: "on" when ticked, absent otherwise. */
export const checkbox = onFirstUse(() =>
  z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
);

/** A 'YYYY-MM-DD' date: a real one ('err.date'), within 2000-01-01 … 2100-12-31 ('err.dateRange'; china-time.ts). */
export const isoDate = onFirstUse(() =>
  z.string().trim().refine(isCalendarDate, { message: 'err.date', abort: true }).refine(isDate, 'err.dateRange'),
);

export const creditCode = onFirstUse(() => z.string().transform(normaliseCreditCode).refine(isValidCreditCode, 'err.creditCode'));

/** Mainland mobile or landline with optional area code/extension; blank allowed. */
export const phone = onFirstUse(() =>
  z
    .string()
    .trim()
    .max(32)
    .refine((s) => s === '' || /^\+?[0-9][0-9 -]{5,20}[0-9](?:(?:转|ext\.?|#)[0-9]{1,6})?$/.test(s), 'err.phone')
    .default(''),
);

/** An id picked from a select (a UUID); blank means "none" for optional references. */
export const idRef = onFirstUse(() => z.string().uuid('err.invalidChoice'));
export const optionalIdRef = onFirstUse(() =>
  z
    .union([z.literal(''), z.string().uuid('err.invalidChoice')])
    .default('')
    .transform((v) => (v === '' ? null : v)),
);

/** Search and paging parameters of every list page. */
export const listQuery = onFirstUse(() =>
  z.object({
    q: z.string().trim().max(100).catch(''),
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
  }),
);
