// Input of the "new survey round" form (调查批次). Times are typed as datetime-local in Beijing time
// (Asia/Shanghai, UTC+8 all year, no daylight saving) and stored as epoch milliseconds.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
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

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DDTHH:mm' (seconds allowed) in Beijing time → epoch ms, or NaN for a date that does not exist. */
export function parseBeijing(local: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  // Date.UTC rolls 02-30 over to March: refuse instead of silently moving the date.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return Number.NaN;
  return utc - BEIJING_OFFSET_MS;
}

/** Epoch ms → 'YYYY-MM-DDTHH:mm' in Beijing time (the value a datetime-local input shows). */
export const formatBeijing = (ms: number) => new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16);

const beijingTime = onFirstUse(() =>
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      const ms = parseBeijing(s);
      if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'round.err.dateTime' });
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

export const roundInput = onFirstUse(() =>
  z
    .strictObject({
      programmeId: idRef,
      formVersionId: idRef,
      name: text(80),
      opensAt: beijingTime,
      closesAt: beijingTime,
      mode: z.enum(SAMPLING_MODES, 'err.invalidChoice'),
      n: optionalInt(1, 100_000),
      percent: optionalInt(1, 100),
      stratify: z.enum(STRATIFY, 'err.invalidChoice'),
      excludeDays: optionalInt(1, 3650),
      seed: text(64),
    })
    .superRefine((r, ctx) => {
      if (r.closesAt <= r.opensAt) ctx.addIssue({ code: 'custom', message: 'round.err.closesBeforeOpens', path: ['closesAt'] });
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
