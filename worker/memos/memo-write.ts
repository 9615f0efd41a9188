// Writing a memo: the memo, its problems, each problem's first event and the audit entry are ONE
// db.batch (D1 runs a batch as a transaction), so a failure anywhere leaves nothing behind (DESIGN §3).
import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type MemoInput, ON_SPOT_DEFAULT } from '../../schema/inputs/memos';
import { memos, problemEvents, problems } from '../../schema/memo-tables';
import type { Db } from '../app-env';
import { newId } from '../lib/tokens';
import { problemCodes } from '../problems/codes';

export type Statement = BatchItem<'sqlite'>;
export type Statements = [Statement, ...Statement[]];

export type MemoWrite = { input: MemoInput; programmeId: string; officerId: string; now: number };

// D1 binds at most 100 parameters per statement: a problem row has 25 columns, an event row 8.
const PROBLEM_CHUNK = 3;
const EVENT_CHUNK = 10;

const chunks = <T>(rows: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** The statements of one memo, ready for the caller to add the audit entry and run as a batch. */
export function memoStatements(db: Db, { input, programmeId, officerId, now }: MemoWrite): Statements {
  const { problems: rows, ...memo } = input;
  const codes = problemCodes(input.visitDate, rows.length);
  const problemRows = rows.map((row, i) => {
    // "Solved on the spot" is born closed, on the visit date, with what the officer wrote or 现场解决.
    const closed = row.onSpot;
    return {
      id: newId(),
      code: codes[i] as string,
      memoId: input.id,
      programmeId,
      enterpriseId: input.enterpriseId,
      officerId,
      category: row.category || 'other',
      description: row.description,
      urgency: row.urgency,
      leadUnitId: row.leadUnitId,
      supportUnitIds: JSON.stringify(row.supportUnitIds),
      raisedOn: input.visitDate,
      deadline: row.deadline,
      extendedDeadline: null,
      status: closed ? 'closed' : 'pending',
      progress: '',
      resolution: closed ? row.resolution || ON_SPOT_DEFAULT : '',
      unresolvableReason: '',
      solvedOnSpot: closed,
      closedOn: closed ? input.visitDate : null,
      followUpOn: null,
      followUp: null,
      struckOff: false,
      struckOffOn: null,
      updatedAt: now,
    } as const;
  });
  const events = problemRows.map((p) => ({
    problemId: p.id,
    at: now,
    actorId: officerId,
    kind: 'create' as const,
    fromStatus: null,
    toStatus: p.status,
    note: p.solvedOnSpot ? p.resolution : '',
    data: p.solvedOnSpot ? JSON.stringify({ solvedOnSpot: 'true' }) : null,
  }));
  const { extraFormVersionId, extra } = noExtra;
  return [
    db.insert(memos).values({ ...memo, programmeId, officerId, extraFormVersionId, extra, createdAt: now }),
    ...chunks(problemRows, PROBLEM_CHUNK).map((chunk) => db.insert(problems).values(chunk)),
    ...chunks(events, EVENT_CHUNK).map((chunk) => db.insert(problemEvents).values(chunk)),
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
