// An office's existing 台账 imported as history (issue 21): each row becomes a problem of the current
// programme in the state the ledger gives, with source 台账导入 and exactly one event saying it was
// imported (by this admin). Like every import, each row is checked against the file and the database
// first and the statements run in one batch; the rollups (problem_counts) follow from the insert
// triggers in that batch. A row whose identity (schema/inputs/ledger-import.ts) is already stored in the
// programme is shown as already imported and gets no statement, so importing the file again changes nothing.
//
// What a ledger cannot tell, and how it is filled: the day of 交办 is the day raised (as migration 0018
// did for problems that already had a lead unit) and the day of 受理 too for the states after it; the
// 回访 and 销号 are dated on the 办结日期; the working-day counts (dispatch/accept/handling days) stay
// unknown (null) rather than made up. No 待办 are written: a history import would otherwise notify every
// unit at once; the daily run adds the overdue and due-soon ones, and the ledger lists show the rest.
import { and, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { ENDED, type LedgerRow, ledgerIdentity, ledgerRow } from '../../schema/inputs/ledger-import';
import { problemEvents, problems } from '../../schema/memo-tables';
import { inForceOn } from '../../schema/rules/pairing';
import type { ProblemStatus } from '../../schema/rules/problem-status';
import { assignments, enterprises, units, users } from '../../schema/tables';
import type { Translate } from '../../web/i18n';
import type { Db } from '../app-env';
import type { Table } from '../lib/csv';
import { chunks } from '../lib/db';
import { newId, sha256Hex } from '../lib/tokens';
import { problemCode } from '../problems/codes';
import { type Action, byLine, checkRows, inList, type Plan } from './import.queries';

export type LedgerChange = { line: number; action: Action; enterprise: string; status: ProblemStatus; description: string };

// D1 binds at most 100 parameters per statement: a problem row has about 40 columns, an event row 9.
const PROBLEM_CHUNK = 2;
const EVENT_CHUNK = 10;

export async function planLedger(
  db: Db,
  table: Table,
  t: Translate,
  scope: { programmeId: string; adminId: string },
): Promise<Plan<LedgerChange>> {
  const { issues, rows } = checkRows(table, ledgerRow, t, 'description', ledgerIdentity);
  const keyed = await Promise.all(rows.map(async (r) => ({ ...r, key: await sha256Hex(ledgerIdentity(r.data)) })));
  const codes = [...new Set(rows.map((r) => r.data.creditCode))];
  const logins = [...new Set(rows.flatMap((r) => (r.data.officerLogin ? [r.data.officerLogin] : [])))];
  const [found, officers, unitList, leads, imported] = await db.batch([
    db
      .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode, disabled: enterprises.disabled })
      .from(enterprises)
      .where(inList(enterprises.creditCode, codes)),
    db
      .select({ id: users.id, login: users.login, role: users.role, disabled: users.disabled })
      .from(users)
      .where(inList(users.login, logins)),
    db.select({ id: units.id, name: units.name, disabled: units.disabled }).from(units),
    db
      .select({
        enterpriseId: assignments.enterpriseId,
        officerId: assignments.officerId,
        startsOn: assignments.startsOn,
        endsOn: assignments.endsOn,
      })
      .from(assignments)
      .where(and(eq(assignments.programmeId, scope.programmeId), eq(assignments.isLead, true))),
    db
      .select({ key: problems.importKey })
      .from(problems)
      .where(
        and(
          eq(problems.programmeId, scope.programmeId),
          inList(
            problems.importKey,
            keyed.map((r) => r.key),
          ),
        ),
      ),
  ]);
  const byCode = new Map(found.map((e) => [e.creditCode, e]));
  const byLogin = new Map(officers.map((o) => [o.login, o]));
  const unitByName = new Map(unitList.map((u) => [u.name, u]));
  // Pairings have dates (issue 14): the lead in force on the day the problem was raised, else today's lead
  // (a pairing list is often entered on the day the 台账 is imported, starting today, after its history).
  const leadsOf = new Map<string, typeof leads>();
  for (const l of leads) leadsOf.set(l.enterpriseId, [...(leadsOf.get(l.enterpriseId) ?? []), l]);
  const leadOfficer = (enterpriseId: string, on: string) => {
    const all = leadsOf.get(enterpriseId) ?? [];
    return (all.find((l) => inForceOn(l, on)) ?? all.find((l) => l.endsOn === null))?.officerId;
  };
  const stored = new Set(imported.map((p) => p.key));

  const changes: LedgerChange[] = [];
  const fresh: {
    line: number;
    data: LedgerRow;
    key: string;
    enterpriseId: string;
    officerId: string;
    lead: string | null;
    support: string[];
  }[] = [];
  for (const { line, data, key } of keyed) {
    const before = issues.length;
    const at = (column: string, message: string) => issues.push({ line, column: table.labels[column] ?? '', message });
    const enterprise = byCode.get(data.creditCode);
    // Imported before: skipped without checking its references again, which may have changed since
    // (a unit disabled, an officer moved), so that the same file again is never refused.
    if (stored.has(key)) {
      const shown = enterprise ? `${enterprise.name}（${enterprise.creditCode}）` : data.creditCode;
      changes.push({ line, action: 'unchanged', enterprise: shown, status: data.status, description: data.description });
      continue;
    }
    if (!enterprise) at('creditCode', t('import.err.unknownEnterprise', { code: data.creditCode }));
    else if (enterprise.disabled) at('creditCode', t('import.err.enterpriseDisabled', { name: enterprise.name }));
    else if (data.enterpriseName && data.enterpriseName !== enterprise.name)
      at('enterpriseName', t('import.err.enterpriseName', { name: enterprise.name }));
    const unitId = (column: 'leadUnit' | 'supportUnits', name: string) => {
      const unit = unitByName.get(name);
      if (!unit) at(column, t('import.err.unknownUnit', { name }));
      else if (unit.disabled) at(column, t('import.err.unitDisabled', { name }));
      return unit?.id ?? '';
    };
    const lead = data.leadUnit ? unitId('leadUnit', data.leadUnit) : null;
    const support = (data.supportUnits ?? []).map((name) => unitId('supportUnits', name));
    // 帮扶干部: the one the row names, else the enterprise's 牵头 officer in this programme (the problem
    // counts under an officer in the figures, and the officer records the 回访).
    let officerId: string | undefined;
    if (data.officerLogin) {
      const officer = byLogin.get(data.officerLogin);
      if (officer?.role !== 'officer') at('officerLogin', t('import.err.unknownOfficer', { login: data.officerLogin }));
      else if (officer.disabled) at('officerLogin', t('import.err.officerDisabled', { login: data.officerLogin }));
      else officerId = officer.id;
    } else if (enterprise) {
      officerId = leadOfficer(enterprise.id, data.raisedOn);
      if (!officerId) at('officerLogin', t('import.err.noLeadOfficer'));
    }
    if (issues.length > before || !enterprise || !officerId) continue;
    changes.push({
      line,
      action: 'create',
      enterprise: `${enterprise.name}（${enterprise.creditCode}）`,
      status: data.status,
      description: data.description,
    });
    fresh.push({ line, data, key, enterpriseId: enterprise.id, officerId, lead, support });
  }
  if (issues.length) return { ok: false, issues: issues.sort(byLine) };

  const now = Date.now();
  const used = new Set<string>();
  const codeFor = (raisedOn: string) => {
    let code = problemCode(raisedOn);
    while (used.has(code)) code = problemCode(raisedOn);
    used.add(code);
    return code;
  };
  const problemRows = fresh.map(({ data, key, enterpriseId, officerId, lead, support }) => {
    const { status } = data;
    const dispatched = status !== 'pending';
    const accepted = dispatched && status !== 'dispatched';
    const ended = ENDED.includes(status);
    const followedUp = data.followUp ? data.closedOn : null;
    const explanation = status === 'unresolvable' || status === 'unresolved';
    return {
      id: newId(),
      code: codeFor(data.raisedOn),
      memoId: null,
      source: 'ledger',
      programmeId: scope.programmeId,
      enterpriseId,
      officerId,
      category: data.category,
      description: data.description,
      // While 待交办 the 主办单位 the ledger names is a proposal, as an officer's would be (issue 15).
      proposedUnitId: dispatched ? null : lead,
      leadUnitId: dispatched ? lead : null,
      supportUnitIds: JSON.stringify(support),
      raisedOn: data.raisedOn,
      deadline: data.deadline,
      deadlineProvisional: !dispatched,
      status,
      progress: data.progress ?? '',
      resolution: explanation ? '' : (data.resolution ?? ''),
      unresolvableReason: explanation ? (data.resolution ?? '') : '',
      dispatchedOn: dispatched ? data.raisedOn : null,
      acceptedOn: accepted ? data.raisedOn : null,
      closedOn: ended ? (data.closedOn ?? null) : null,
      followUpOn: followedUp ?? null,
      followUp: data.followUp ?? null,
      struckOffOn: status === 'struck_off' ? (data.closedOn ?? null) : null,
      importKey: key,
      updatedAt: now,
    } as const;
  });
  const events = problemRows.map((p, i) => ({
    problemId: p.id,
    at: now,
    actorId: scope.adminId,
    actorRole: 'admin',
    kind: 'import' as const,
    fromStatus: null,
    toStatus: p.status,
    note: '',
    data: JSON.stringify({ line: fresh[i]?.line }),
  }));
  const statements: BatchItem<'sqlite'>[] = [
    ...chunks(problemRows, PROBLEM_CHUNK).map((chunk) => db.insert(problems).values(chunk)),
    ...chunks(events, EVENT_CHUNK).map((chunk) => db.insert(problemEvents).values(chunk)),
  ];
  return { ok: true, changes, statements };
}
