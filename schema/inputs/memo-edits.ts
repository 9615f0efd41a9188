// Input schemas for changing a saved memo (issue 22; who may, and when: schema/rules/memo-edit.ts). Strict:
// an author's edit that carries enterpriseId, visitDate or mode is refused as an unknown field (422),
// since those decide 三个一 and only the admin's correction (with a reason) may change them.
import * as z from 'zod';
import { MEMO_MODES } from '../memo-tables';
import { onFirstUse } from '../on-first-use';
import { isoDate, optionalText, text } from './fields';
import { pick } from './officers';

/** The memo's text fields and their limits, shared by the new memo (memos.ts) and the edit. */
export const memoTextShape = () => ({
  participants: optionalText(200),
  contactName: optionalText(40),
  contactTitle: optionalText(40),
  businessSituation: optionalText(2000),
  policiesExplained: optionalText(2000),
  nextSteps: optionalText(2000),
});

export const memoEditInput = onFirstUse(() => z.strictObject(memoTextShape()));
export type MemoEditInput = z.output<typeof memoEditInput>;

/** The admin's correction of the fields 三个一 counts by; the reason goes into the revision and the audit row. */
export const memoCorrectInput = onFirstUse(() =>
  z.strictObject({
    enterpriseId: pick,
    visitDate: isoDate,
    mode: z.enum(MEMO_MODES, 'err.invalidChoice'),
    reason: text(200),
  }),
);
export type MemoCorrectInput = z.output<typeof memoCorrectInput>;
