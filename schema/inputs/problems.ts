// Input schemas of the problem ledger (问题台账): one strict form per move of the state machine
// (schema/rules/problem-moves.ts, worker/problems/transitions.ts), bulk 交办, and the ledger's filters.
import * as z from 'zod';
import { FOLLOW_UPS, PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '../memo-tables';
import { onFirstUse } from '../on-first-use';
import type { Move } from '../rules/problem-moves';
import { checkbox, isoDate, optionalIdRef, optionalText, text } from './fields';
import { pick } from './officers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Repeated checkboxes of ids arrive as one string or an array (readForm); none ticked means absent. */
export const idList = (max: number) =>
  z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(max))
    .refine((ids) => ids.every((id) => UUID.test(id)), 'err.invalidChoice')
    .transform((ids) => [...new Set(ids)]);

/** A date the form may leave blank (null): the default 办结时限, or keeping the one in force. */
export const optionalDate = onFirstUse(() =>
  z
    .string()
    .trim()
    .default('')
    .refine((s) => s === '' || isoDate.safeParse(s).success, 'err.date')
    .transform((s) => (s === '' ? null : s)),
);

export const problemActionInputs = onFirstUse(() => {
  const units = { leadUnitId: pick, supportUnitIds: idList(30), assigneeId: optionalIdRef };
  return {
    dispatch: z.strictObject({ ...units, deadline: optionalDate, note: optionalText(500) }),
    transfer: z.strictObject({ ...units, deadline: optionalDate, reason: text(500) }),
    accept: z.strictObject({ note: optionalText(500) }),
    progress: z.strictObject({ note: text(1000), forEnterprise: checkbox }),
    note: z.strictObject({ note: text(1000) }),
    request_extension: z.strictObject({ deadline: isoDate, reason: text(500) }),
    approve_extension: z.strictObject({ note: optionalText(500) }),
    reject_extension: z.strictObject({ note: optionalText(500) }),
    close: z.strictObject({ resolution: text(2000) }),
    unresolvable: z.strictObject({ reason: text(1000) }),
    confirm_unresolvable: z.strictObject({ note: optionalText(500) }),
    follow_up: z.strictObject({ outcome: z.enum(FOLLOW_UPS, 'err.invalidChoice'), note: optionalText(500) }),
    // 企业确认 (issue 16): a reason is required for 不满意 (transitions.ts refuses a blank one with 422).
    confirm: z.strictObject({ outcome: z.enum(FOLLOW_UPS, 'err.invalidChoice'), reason: optionalText(500) }),
    strike_off: z.strictObject({ note: optionalText(500) }),
    supervise: z.strictObject({ note: text(500), respondBy: isoDate }),
  } as const satisfies Record<Move, z.ZodType>;
});
export type ProblemActionKind = keyof typeof problemActionInputs;

/** URL segment of each move (/problems/:id/<segment>), kebab-case like every other path. */
export const ACTION_SEGMENTS: Record<ProblemActionKind, string> = {
  dispatch: 'dispatch',
  transfer: 'transfer',
  accept: 'accept',
  progress: 'progress',
  note: 'note',
  request_extension: 'request-extension',
  approve_extension: 'approve-extension',
  reject_extension: 'reject-extension',
  close: 'close',
  unresolvable: 'unresolvable',
  confirm_unresolvable: 'confirm-unresolvable',
  follow_up: 'follow-up',
  confirm: 'confirm',
  strike_off: 'strike-off',
  supervise: 'supervise',
};

/** 交办 of several 待交办 problems from the ledger list: one unit, and each problem's default deadline unless one is given. */
export const bulkDispatchInput = onFirstUse(() =>
  z.strictObject({
    ids: idList(50).refine((ids) => ids.length > 0, 'problem.err.pickProblems'),
    leadUnitId: pick,
    deadline: optionalDate,
    note: optionalText(500),
  }),
);
export type BulkDispatchInput = z.output<typeof bulkDispatchInput>;

const uuid = onFirstUse(() => z.uuid().optional().catch(undefined));
const date = onFirstUse(() => isoDate.optional().catch(undefined));
const flag = onFirstUse(() => z.literal('1').optional().catch(undefined));

/** Ledger filters come from a GET form: a malformed one is dropped (the list widens), never a 4xx. */
export const ledgerQuery = onFirstUse(() =>
  z.object({
    status: z.enum(PROBLEM_STATUSES).optional().catch(undefined),
    overdue: flag,
    /** 交办超时: waiting in 待交办 more than 3 working days. */
    late: flag,
    supervised: flag,
    category: z.enum(PROBLEM_CATEGORIES).optional().catch(undefined),
    unit: uuid,
    officer: uuid,
    chain: uuid,
    enterprise: uuid,
    from: date,
    to: date,
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
  }),
);
export type LedgerQuery = z.output<typeof ledgerQuery>;

/** 提出诉求 on the enterprise's page (企业直报, issue 16): a category, what it needs, and how to reach it (optional). */
export const enterpriseRequestInput = onFirstUse(() =>
  z.strictObject({
    category: z.enum(PROBLEM_CATEGORIES, 'err.invalidChoice'),
    description: text(1000),
    contact: optionalText(100),
  }),
);
export type EnterpriseRequestInput = z.output<typeof enterpriseRequestInput>;
