// Claims cross-checked (issue 14 §4): the memos say what officers claim — a contact (any memo) or an
// on-site visit (a memo of mode 上门走访) with an enterprise in a month — and 《帮扶满意度调查表》 asks the
// enterprise itself (schema/form-templates.ts): Q1 contact_month, 本月帮扶干部是否与贵企业进行过沟通联系?
// and Q2 onsite_month, 本月是否到企业开展面对面上门服务? (yes/no, stored 1/0). A claim is checked when
// the enterprise answered the matching question later in the same month (a memo dated after the answer
// is one the answer could not know of), by an officer paired with it that month (schema/rules/pairing.ts);
// it is contradicted when the answer was 否. Claims are counted per officer × enterprise × month: one
// contact claim when any memo, one on-site claim when any 上门走访 memo, as the enterprise answers once.
// The rate is contradicted / checked, per officer and per unit, per closed round, with its n, suppressed
// below k like every figure drawn from answers. A round's counts are frozen once, by the daily run after it
// closes (worker/stats/claim-snapshot.ts), like the officers' own figures: a memo written or backdated
// later, or a pairing edit, no longer moves them, so the officers judged cannot steer their figure; until
// that run they are computed live. Pure, with its SQL pieces.
import type { FormDefinition } from '../form-definition';

/** The questions of the template that check the claims, by key. */
export const CLAIM_QUESTIONS = { contact: 'contact_month', onsite: 'onsite_month' } as const;

/** Whether a form asks both questions as yes/no: only such rounds are counted. */
export const checksClaims = (form: FormDefinition): boolean =>
  Object.values(CLAIM_QUESTIONS).every((key) => form.pages.some((p) => p.questions.some((q) => q.key === key && q.type === 'yesno')));

/** One officer × enterprise × month as SQL expressions: the memos claiming a contact and a visit, the answers (1, 0 or NULL). */
export type ClaimSql = { contacts: string; onsite: string; q1: string; q2: string };

/** Claims checked: each kind of claim made, where the enterprise answered its question. */
export const checkedSql = (c: ClaimSql) => `((${c.contacts} > 0 AND ${c.q1} IS NOT NULL) + (${c.onsite} > 0 AND ${c.q2} IS NOT NULL))`;

/** Claims contradicted: made, and the enterprise answered 否. */
export const contradictedSql = (c: ClaimSql) => `((${c.contacts} > 0 AND ${c.q1} = 0) + (${c.onsite} > 0 AND ${c.q2} = 0))`;
