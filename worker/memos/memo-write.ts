// Writing a memo: the memo, its problems, each problem's first event, the 待办 they open (the admins'
// 交办 of a problem raised, the officer's 回访 of one solved on the spot) and the audit entry are ONE
// db.batch (D1 runs a batch as a transaction), so a failure anywhere leaves nothing behind (DESIGN §3).
// A problem is born 待交办 with a provisional 办结时限 (schema/rules/due-date.ts): the one the officer
// proposed, else its category's default from the visit day; the lead unit the officer names is a proposal.
import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type MemoInput, ON_SPOT_DEFAULT } from '../../schema/inputs/memos';
import { memos, problemEvents, problems } from '../../schema/memo-tables';
import type { Db } from '../app-env';
import { chunks } from '../lib/db';
import { newId } from '../lib/tokens';
import { problemCodes } from '../problems/codes';
import { type TodoChange, todoStatements } from '../problems/todos';

export type Statement = BatchItem<'sqlite'>;
export type Statements = [Statement, ...Statement[]];

export type MemoWrite = {
  input: MemoInput;
  programmeId: string;
  officerId: string;
  enterpriseName: string;
  now: number;
  /** The provisional 办结时限 of a problem of this category raised on the visit day. */
  defaultDeadline: (category: string) => string;
};

// D1 binds at most 100 parameters per statement: a problem row has 42 columns, an event row 10 (issue 16 added one each).
const PROBLEM_CHUNK = 2;
const EVENT_CHUNK = 10;

/** The statements of one memo, ready for the caller to add the audit entry and run as a batch. */
export function memoStatements(db: Db, { input, programmeId, officerId, enterpriseName, now, defaultDeadline }: MemoWrite): Statements {
  const { problems: rows, ...memo } = input;
  const codes = problemCodes(input.visitDate, rows.length);
  const problemRows = rows.map((row, i) => {
    // "Solved on the spot" is born closed, on the visit date, with what the officer wrote or 现场解决.
    const closed = row.onSpot;
    const category = row.category || 'other';
    return {
      id: newId(),
      code: codes[i] as string,
      memoId: input.id,
      source: 'memo',
      programmeId,
      enterpriseId: input.enterpriseId,
      officerId,
      category,
      description: row.description,
      urgency: row.urgency,
      proposedUnitId: row.leadUnitId,
      leadUnitId: null,
      supportUnitIds: JSON.stringify(row.supportUnitIds),
      assigneeId: null,
      raisedOn: input.visitDate,
      deadline: row.deadline ?? defaultDeadline(category),
      deadlineProvisional: !closed,
      extendedDeadline: null,
      status: closed ? 'closed' : 'pending',
      progress: '',
      resolution: closed ? row.resolution || ON_SPOT_DEFAULT : '',
      unresolvableReason: '',
      solvedOnSpot: closed,
      closedOn: closed ? input.visitDate : null,
      followUpOn: null,
      followUp: null,
      struckOffOn: null,
      updatedAt: now,
    } as const;
  });
  const events = problemRows.map((p) => ({
    problemId: p.id,
    at: now,
    actorId: officerId,
    actorRole: 'officer',
    kind: 'create' as const,
    fromStatus: null,
    toStatus: p.status,
    note: p.solvedOnSpot ? p.resolution : '',
    data: p.solvedOnSpot ? JSON.stringify({ solvedOnSpot: 'true' }) : null,
  }));
  const { extraFormVersionId, extra } = noExtra;
  const origin = `memo:${input.id}`;
  const todos = problemRows.flatMap((p) => {
    const change: TodoChange = {
      open: [p.solvedOnSpot ? { kind: 'follow_up', to: 'officer' } : { kind: 'dispatch', to: 'admins' }],
      close: [],
    };
    const target = { ...p, enterpriseName, leadUnitId: null, assigneeId: null };
    return todoStatements(db, change, target, { guard: sql`1`, origin, now });
  });
  return [
    db.insert(memos).values({ ...memo, programmeId, officerId, extraFormVersionId, extra, createdAt: now }),
    ...chunks(problemRows, PROBLEM_CHUNK).map((chunk) => db.insert(problems).values(chunk)),
    ...chunks(events, EVENT_CHUNK).map((chunk) => db.insert(problemEvents).values(chunk)),
    ...todos,
  ];
}

/**
 * Form-engine seam (memos.extraFormVersionId / memos.extra): until a memo_extra form is published and
 * its answers validated (see extra-fields.ts), memos carry no extra answers.
 */
const noExtra = { extraFormVersionId: null, extra: null };

/**
 * Test-only: a statement that fails when it runs (NOT NULL on audit_log.at), appended last so every
 * other statement has already executed inside the batch when the failure rolls them back. Reached only
 * when the FAULT_INJECT binding is "memo-last" (worker/env-faults.d.ts), which no deployment sets.
 */
export const failingStatement = (db: Db): Statement => db.run(sql`INSERT INTO audit_log (at, action) VALUES (NULL, 'fault_injected')`);

export const memoFault = (env: Env) => env.FAULT_INJECT === 'memo-last';
