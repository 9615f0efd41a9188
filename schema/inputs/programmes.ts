// Input schemas of the programme (帮扶行动) and pairing list (结对名单) admin pages.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
import { CONFIRM_WAIT_DAYS } from '../rules/problem-moves';
import { PHASES, SATISFACTION_SCALES } from '../tables';
import { checkbox, isoDate, listQuery, optionalDate, optionalIdRef, optionalText, phone, text } from './fields';
import { pick } from './officers';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export const programmeInput = onFirstUse(() =>
  z
    .strictObject({
      name: text(80),
      startsOn: isoDate,
      endsOn: isoDate,
      phase: z.enum(PHASES, 'err.invalidChoice'),
      /** Who is asking: printed on every survey page and QR sheet of the programme's rounds (issue 17). */
      issuingOffice: optionalText(80),
      helpPhone: phone,
      /** 个人信息处理告知; blank = the catalogue's default text. */
      privacyNotice: optionalText(2000),
      /** Months after the end when contact data and audit addresses are purged; blank = never (issue 13). */
      retentionMonths: z
        .string()
        .trim()
        .regex(/^\d{0,3}$/, 'err.invalid')
        .optional()
        .transform((v) => (v ? Number(v) : null))
        .pipe(z.int().min(1, 'programme.err.retention').max(120, 'programme.err.retention').nullable()),
      /** 满意率 口径: 两档 or 三档 (issue 14); anything else is refused. */
      satisfactionScale: z.enum(SATISFACTION_SCALES, 'err.invalidChoice').default('top2'),
      /** Days the enterprise has to confirm a result before the officer may record a phone 回访 (issue 16); blank = 7. */
      confirmWaitDays: z
        .string()
        .trim()
        .regex(/^\d{0,2}$/, 'programme.err.confirmWait')
        .optional()
        .transform((v) => (v ? Number(v) : CONFIRM_WAIT_DAYS))
        .pipe(z.int().min(0, 'programme.err.confirmWait').max(60, 'programme.err.confirmWait')),
    })
    // Zod still runs this refinement after a field's own check failed, so only compare two real dates:
    // a bad start date must not also be reported as a bad order on the end date.
    .refine((v) => !(ISO.test(v.startsOn) && ISO.test(v.endsOn)) || v.endsOn >= v.startsOn, {
      message: 'err.dateOrder',
      path: ['endsOn'],
    }),
);
export type ProgrammeInput = z.output<typeof programmeInput>;

export const assignmentInput = onFirstUse(() =>
  z.strictObject({
    programmeId: pick,
    officerId: pick,
    enterpriseId: pick,
    isLead: checkbox,
    /** In force from (blank: today, or the programme's first day if it has not begun); a past day corrects the list. */
    startsOn: optionalDate,
    /** In force until (blank: open-ended). */
    endsOn: optionalDate,
  }),
);
export type AssignmentInput = z.output<typeof assignmentInput>;

/** 解除结对: the last day the pairing is in force (blank: today). */
export const assignmentEndInput = onFirstUse(() => z.strictObject({ endsOn: optionalDate }));

/** The pairing list shows the pairs in force by default; `history` adds those that ended. */
export const assignmentListQuery = listQuery.extend({
  programme: optionalIdRef.catch(null),
  view: z.enum(['current', 'history']).catch('current'),
});
