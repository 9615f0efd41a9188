// Who may change a saved 帮扶备忘录, and which fields (issue 22). The one home of the rule: the edit route
// (worker/memos/memo-edit.routes.tsx), the memo page's "修改" link and the tests read it from here.
import { addDays, chinaDate, chinaToday } from './china-time';

/** How long the author may edit: through the 7th China-time day after the day the memo was saved. */
export const MEMO_EDIT_DAYS = 7;

/** The text fields an author may edit. The enterprise, the visit date and the mode decide 三个一 and are not among them. */
export const MEMO_TEXT_FIELDS = [
  'participants',
  'contactName',
  'contactTitle',
  'businessSituation',
  'policiesExplained',
  'nextSteps',
] as const;
export type MemoTextField = (typeof MEMO_TEXT_FIELDS)[number];

/** The fields only an admin corrects (with a reason), since the 三个一 rollups count by them. */
export const MEMO_COUNTED_FIELDS = ['enterpriseId', 'visitDate', 'mode'] as const;
export type MemoCountedField = (typeof MEMO_COUNTED_FIELDS)[number];

/** The last China day on which the memo saved at `createdAt` may still be edited. */
export const editableUntil = (createdAt: number): string => addDays(chinaDate(createdAt), MEMO_EDIT_DAYS);

/** An officer may edit their own memo until the end of editableUntil; nobody else edits its text. */
export function canEditMemo(memo: { officerId: string; createdAt: number }, user: { id: string; role: string }, now = Date.now()): boolean {
  return user.role === 'officer' && memo.officerId === user.id && chinaToday(now) <= editableUntil(memo.createdAt);
}
