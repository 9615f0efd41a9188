// Inputs of the survey round pages (调查批次): the draft's form, launching, the moves with a reason, and
// reminders. Times are typed as datetime-local in Beijing time (Asia/Shanghai, UTC+8 all year, no
// daylight saving) and stored as epoch milliseconds. The seed is never an input: the server draws it.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
import { isCalendarDate, isDate, parseChinaLocal } from '../rules/china-time';
import { idRef, text } from './fields';

export const SAMPLING_MODES = ['all', 'count', 'percent'] as const;
export const STRATIFY = ['none', 'unit', 'chain'] as const;

/** Stored as JSON in campaigns.sampling; the draw (worker/surveys/sampling.ts) reads only this. */
export const samplingRule = onFirstUse(() =>
  z.strictObject({
    mode: z.enum(SAMPLING_MODES),
    n: z.int().min(1).max(100_000).optional(),
    percent: z.int().min(1).max(100).optional(),
    stratify: z.enum(STRATIFY),
    excludeDays: z.int().min(1).max(3650).optional(),
  }),
);
export type SamplingRule = z.output<typeof samplingRule>;

/** Why a datetime-local value in China time is refused: a time that does not exist, or one outside 2000–2100. */
const chinaLocalIssue = (s: string) => {
  const date = s.slice(0, 10);
  return isCalendarDate(date) && !isDate(date) ? 'err.dateRange' : 'round.err.dateTime';
};

const beijingTime = onFirstUse(() =>
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      const ms = parseChinaLocal(s);
      if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: chinaLocalIssue(s) });
      return ms;
    }),
);

/** Blank means "not set"; otherwise a whole number in range. */
const optionalInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{0,7}$/, 'err.invalid')
    .optional()
    .transform((s) => (s ? Number(s) : undefined))
    .pipe(z.int().min(min, 'round.err.range').max(max, 'round.err.range').optional());

/**
 * A draft round. Its start time is chosen when it is launched; the close time is checked against the
 * clock by the route (a schema has no clock).
 */
export const roundInput = onFirstUse(() =>
  z
    .strictObject({
      programmeId: idRef,
      formVersionId: idRef,
      name: text(80),
      closesAt: beijingTime,
      mode: z.enum(SAMPLING_MODES, 'err.invalidChoice'),
      n: optionalInt(1, 100_000),
      percent: optionalInt(1, 100),
      stratify: z.enum(STRATIFY, 'err.invalidChoice'),
      excludeDays: optionalInt(1, 3650),
    })
    .superRefine((r, ctx) => {
      if (r.mode === 'count' && r.n === undefined) ctx.addIssue({ code: 'custom', message: 'err.required', path: ['n'] });
      if (r.mode === 'percent' && r.percent === undefined) ctx.addIssue({ code: 'custom', message: 'err.required', path: ['percent'] });
    })
    .transform(({ mode, n, percent, stratify, excludeDays, ...round }) => ({
      ...round,
      rule: samplingRule.parse({
        mode,
        stratify,
        ...(mode === 'count' ? { n } : {}),
        ...(mode === 'percent' ? { percent } : {}),
        ...(excludeDays ? { excludeDays } : {}),
      }),
    })),
);
export type RoundInput = z.output<typeof roundInput>;

/** Launching a draft: now, or at a chosen time (which must still be ahead: checked by the route). */
export const launchInput = onFirstUse(() =>
  z
    .strictObject({
      start: z.enum(['now', 'at'], 'err.invalidChoice'),
      opensAt: z.string().trim().max(20).optional(),
    })
    .transform((v, ctx) => {
      if (v.start === 'now') return { opensAt: null };
      const ms = parseChinaLocal(v.opensAt ?? '');
      if (Number.isNaN(ms))
        ctx.addIssue({ code: 'custom', message: v.opensAt ? chinaLocalIssue(v.opensAt) : 'err.required', path: ['opensAt'] });
      return { opensAt: ms };
    }),
);

/** Why: every move that changes a round after the fact says why, in the audit log (issue 17). */
export const reason = text(500);
export const reasonInput = onFirstUse(() => z.strictObject({ reason }));

/** Extending: a later close time and why. */
export const extendInput = onFirstUse(() => z.strictObject({ closesAt: beijingTime, reason }));

const invitationIds = onFirstUse(() => z.union([idRef, z.array(idRef).max(5000)]).optional());

/**
 * 标记已提醒: one enterprise (its row's button, `only`), the ticked ones (`bulk=selected` with `ids`), or
 * every one not yet answered (`bulk=all`). One form serves all three without JavaScript.
 */
export const remindInput = onFirstUse(() =>
  z
    .strictObject({ only: idRef.optional(), bulk: z.enum(['selected', 'all'], 'err.invalidChoice').optional(), ids: invitationIds })
    .transform((v, ctx) => {
      if (v.only) return { all: false, ids: [v.only] };
      if (v.bulk === 'all') return { all: true, ids: [] };
      const ids = v.ids === undefined ? [] : Array.isArray(v.ids) ? v.ids : [v.ids];
      if (ids.length === 0) ctx.addIssue({ code: 'custom', message: 'remind.err.none', path: ['ids'] });
      return { all: false, ids: [...new Set(ids)] };
    }),
);
