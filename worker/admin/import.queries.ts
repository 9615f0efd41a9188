// Checks and writes of the CSV imports (批量导入). Every row is checked against the file and the
// database before anything is written; the statements come back to be run in one db.batch (atomic).
// Rows already equal to the file get no statement, so importing a file twice changes nothing.
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type * as z from 'zod';
import { assignmentRow, enterpriseRow, MAX_IMPORT_ROWS } from '../../schema/inputs/imports';
import { onFirstUse } from '../../schema/on-first-use';
import { assignments, chains, enterprises, programmes, units, users } from '../../schema/tables';
import type { Translate } from '../../web/i18n';
import type { Db } from '../app-env';
import type { Table } from '../lib/csv';
import { newId } from '../lib/tokens';
import { fieldErrors } from '../lib/validate';

export type Issue = { line: number; column: string; message: string };
export type Action = 'create' | 'update' | 'unchanged';
export type Plan<C> = { ok: true; changes: C[]; statements: BatchItem<'sqlite'>[] } | { ok: false; issues: Issue[] };
export type EnterpriseChange = { line: number; action: Action; creditCode: string; name: string; changed: string[] };
export type AssignmentChange = { line: number; action: Action; enterprise: string; officer: string; lead: boolean };

export const programmeOptions = (db: Db) =>
  db
    .select({ id: programmes.id, name: programmes.name })
    .from(programmes)
    .where(eq(programmes.disabled, false))
    .orderBy(asc(programmes.startsOn))
    .all();

export const readActiveProgramme = (db: Db, id: string) =>
  db
    .select({ id: programmes.id, name: programmes.name })
    .from(programmes)
    .where(and(eq(programmes.id, id), eq(programmes.disabled, false)))
    .get();

/** `column IN (…)` with the list as one JSON parameter: D1 binds at most 100 parameters per statement. */
export const inList = (column: SQLiteColumn, values: string[]): SQL =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

export const byLine = (a: Issue, b: Issue) => a.line - b.line;

/** Parses every row, noting each bad cell, the first row over the limit and repeats of a row's key. */
export function checkRows<S extends z.ZodType>(
  table: Table,
  schema: S,
  t: Translate,
  keyColumn: string,
  keyOf: (row: z.output<S>) => string,
) {
  const issues: Issue[] = [];
  const rows: { line: number; data: z.output<S> }[] = [];
  const seen = new Map<string, number>();
  for (const [n, row] of table.rows.entries()) {
    const at = (column: string, message: string) => issues.push({ line: row.line, column: table.labels[column] ?? '', message });
    if (n === MAX_IMPORT_ROWS) {
      at('', t('import.err.tooManyRows', { max: MAX_IMPORT_ROWS }));
      break;
    }
    if (row.extraCells) at('', t('import.err.extraCells'));
    const parsed = schema.safeParse(row.values);
    if (!parsed.success) {
      for (const [key, message] of Object.entries(fieldErrors(parsed.error, t))) at(key, message);
      continue;
    }
    const key = keyOf(parsed.data);
    const first = seen.get(key);
    if (first !== undefined) {
      at(keyColumn, t('import.err.repeated', { line: first }));
      continue;
    }
    seen.set(key, row.line);
    rows.push({ line: row.line, data: parsed.data });
  }
  return { issues, rows };
}

/** Enterprises are matched on 统一社会信用代码: new codes are inserted, known ones updated where they differ. */
export async function planEnterprises(db: Db, table: Table, t: Translate): Promise<Plan<EnterpriseChange>> {
  const { issues, rows } = checkRows(table, enterpriseRow, t, 'creditCode', (r) => r.creditCode);
  const codes = rows.map((r) => r.data.creditCode);
  const [chainList, existing] = await db.batch([
    db.select({ id: chains.id, name: chains.name, disabled: chains.disabled }).from(chains),
    db.select().from(enterprises).where(inList(enterprises.creditCode, codes)),
  ]);
  const chainByName = new Map(chainList.map((c) => [c.name, c]));
  const byCode = new Map(existing.map((e) => [e.creditCode, e]));
  const now = Date.now();
  const changes: EnterpriseChange[] = [];
  const statements: BatchItem<'sqlite'>[] = [];
  for (const { line, data } of rows) {
    const { chain: chainName, creditCode, ...rest } = data;
    const chain = chainName ? chainByName.get(chainName) : null;
    if (chain === undefined || chain?.disabled) {
      const key = chain ? 'import.err.chainDisabled' : 'import.err.unknownChain';
      issues.push({ line, column: table.labels.chain ?? '', message: t(key, { name: chainName ?? '' }) });
      continue;
    }
    // Only the columns the file has: a column left out keeps what the database holds.
    const given = Object.fromEntries(
      Object.entries({ ...rest, chainId: chainName === undefined ? undefined : (chain?.id ?? null) }).filter(([, v]) => v !== undefined),
    ) as Partial<typeof enterprises.$inferSelect>;
    const current = byCode.get(creditCode);
    if (!current) {
      statements.push(
        db.insert(enterprises).values({ ...given, id: newId(), name: data.name, creditCode, createdAt: now, updatedAt: now }),
      );
      changes.push({ line, action: 'create', creditCode, name: data.name, changed: [] });
      continue;
    }
    const changed = Object.keys(given).filter((k) => given[k as keyof typeof given] !== current[k as keyof typeof current]);
    const update = db.update(enterprises).set({ ...given, updatedAt: now });
    if (changed.length) statements.push(update.where(eq(enterprises.id, current.id)));
    changes.push({ line, action: changed.length ? 'update' : 'unchanged', creditCode, name: data.name, changed });
  }
  return issues.length ? { ok: false, issues: issues.sort(byLine) } : { ok: true, changes, statements };
}

const officerColumns = onFirstUse(() => ({
  id: users.id,
  login: users.login,
  name: users.name,
  role: users.role,
  unitId: users.unitId,
  disabled: users.disabled,
}));

/** Pairings of one programme: missing ones inserted, lead flags (是否牵头) updated. */
export async function planAssignments(db: Db, table: Table, t: Translate, programmeId: string): Promise<Plan<AssignmentChange>> {
  const { issues, rows } = checkRows(table, assignmentRow, t, 'officerLogin', (r) => `${r.creditCode}\t${r.officerLogin}`);
  const codes = rows.map((r) => r.data.creditCode);
  const logins = [...new Set(rows.map((r) => r.data.officerLogin))];
  const [found, officers, unitList, pairs] = await db.batch([
    db
      .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode, disabled: enterprises.disabled })
      .from(enterprises)
      .where(inList(enterprises.creditCode, codes)),
    db.select(officerColumns).from(users).where(inList(users.login, logins)),
    db.select({ id: units.id, name: units.name }).from(units),
    db
      .select({
        id: assignments.id,
        officerId: assignments.officerId,
        enterpriseId: assignments.enterpriseId,
        isLead: assignments.isLead,
        login: users.login,
      })
      .from(assignments)
      .innerJoin(users, eq(users.id, assignments.officerId))
      .innerJoin(enterprises, eq(enterprises.id, assignments.enterpriseId))
      .where(and(eq(assignments.programmeId, programmeId), inList(enterprises.creditCode, codes))),
  ]);
  const byCode = new Map(found.map((e) => [e.creditCode, e]));
  const byLogin = new Map(officers.map((o) => [o.login, o]));
  const unitByName = new Map(unitList.map((u) => [u.name, u]));
  const pairKey = (enterpriseId: string, officerId: string) => `${enterpriseId}\t${officerId}`;
  const existing = new Map(pairs.map((p) => [pairKey(p.enterpriseId, p.officerId), p]));

  const resolved = [];
  for (const { line, data } of rows) {
    const before = issues.length;
    const at = (column: string, message: string) => issues.push({ line, column: table.labels[column] ?? '', message });
    const enterprise = byCode.get(data.creditCode);
    const officer = byLogin.get(data.officerLogin);
    if (!enterprise) at('creditCode', t('import.err.unknownEnterprise', { code: data.creditCode }));
    else if (enterprise.disabled) at('creditCode', t('import.err.enterpriseDisabled', { name: enterprise.name }));
    if (officer?.role !== 'officer') at('officerLogin', t('import.err.unknownOfficer', { login: data.officerLogin }));
    else if (officer.disabled) at('officerLogin', t('import.err.officerDisabled', { login: data.officerLogin }));
    else if (data.unit) {
      const unit = unitByName.get(data.unit);
      if (!unit) at('unit', t('import.err.unknownUnit', { name: data.unit }));
      else if (unit.id !== officer.unitId) at('unit', t('import.err.unitMismatch', { name: data.unit, login: officer.login }));
    }
    if (issues.length > before || !enterprise || !officer) continue;
    const pair = existing.get(pairKey(enterprise.id, officer.id));
    resolved.push({ line, enterprise, officer, pair, lead: data.lead ?? pair?.isLead ?? false });
  }

  // One lead per enterprise and programme (assignments_one_lead_uq), counted on the state after the
  // import — pairs the file does not list keep their flag — so the batch never trips the index.
  const listed = new Set(resolved.map((r) => pairKey(r.enterprise.id, r.officer.id)));
  const otherLead = new Map(
    pairs.filter((p) => p.isLead && !listed.has(pairKey(p.enterpriseId, p.officerId))).map((p) => [p.enterpriseId, p.login]),
  );
  const leadLine = new Map<string, number>();
  for (const r of resolved.filter((x) => x.lead)) {
    const first = leadLine.get(r.enterprise.id);
    const other = otherLead.get(r.enterprise.id);
    const column = table.labels.lead ?? '';
    if (first !== undefined) issues.push({ line: r.line, column, message: t('import.err.secondLead', { line: first }) });
    else if (other !== undefined) issues.push({ line: r.line, column, message: t('import.err.leadExists', { login: other }) });
    if (first === undefined) leadLine.set(r.enterprise.id, r.line);
  }
  if (issues.length) return { ok: false, issues: issues.sort(byLine) };

  const now = Date.now();
  const demote: BatchItem<'sqlite'>[] = [];
  const rest: BatchItem<'sqlite'>[] = [];
  const changes = resolved.map(({ line, enterprise, officer, pair, lead }): AssignmentChange => {
    const shown = {
      line,
      enterprise: `${enterprise.name}（${enterprise.creditCode}）`,
      officer: `${officer.name}（${officer.login}）`,
      lead,
    };
    if (!pair) {
      rest.push(
        db
          .insert(assignments)
          .values({ id: newId(), programmeId, officerId: officer.id, enterpriseId: enterprise.id, isLead: lead, createdAt: now }),
      );
      return { ...shown, action: 'create' };
    }
    if (pair.isLead === lead) return { ...shown, action: 'unchanged' };
    (lead ? rest : demote).push(db.update(assignments).set({ isLead: lead }).where(eq(assignments.id, pair.id)));
    return { ...shown, action: 'update' };
  });
  // Demotions first, so no statement of the batch ever sees two leads of one enterprise.
  return { ok: true, changes, statements: [...demote, ...rest] };
}
