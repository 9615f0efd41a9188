// 帮扶干部 imported in bulk (issue 21): new logins become officer accounts of their unit, each with a
// one-time link to choose a password (as the officer form's "setup link" gives one); known officers
// get their name, unit and phone updated where the file differs. Like every import, each row is
// checked first and the statements run in one batch; importing the same file again changes nothing
// (and makes no new link: an officer who lost theirs gets one from the officer page).
import { asc, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { officerRow } from '../../schema/inputs/imports';
import { units, users } from '../../schema/tables';
import type { Translate } from '../../web/i18n';
import type { Db } from '../app-env';
import type { Table } from '../lib/csv';
import { newId, randomToken, sha256Hex } from '../lib/tokens';
import { type Action, byLine, checkRows, inList, type Plan } from './import.queries';
import { SETUP_LINK_MS } from './officers.queries';

/** `token`: the new account's setup link token, made for the commit (a preview's tokens are thrown away). */
export type OfficerChange = { line: number; action: Action; login: string; name: string; unit: string; changed: string[]; token?: string };

export async function planOfficers(db: Db, table: Table, t: Translate): Promise<Plan<OfficerChange>> {
  const { issues, rows } = checkRows(table, officerRow, t, 'login', (r) => r.login);
  const [unitList, existing] = await db.batch([
    db.select({ id: units.id, name: units.name, disabled: units.disabled }).from(units).orderBy(asc(units.name)),
    db
      .select()
      .from(users)
      .where(
        inList(
          users.login,
          rows.map((r) => r.data.login),
        ),
      ),
  ]);
  const unitByName = new Map(unitList.map((u) => [u.name, u]));
  const byLogin = new Map(existing.map((u) => [u.login, u]));
  const now = Date.now();
  const changes: OfficerChange[] = [];
  const statements: BatchItem<'sqlite'>[] = [];
  for (const { line, data } of rows) {
    const at = (column: string, message: string) => issues.push({ line, column: table.labels[column] ?? '', message });
    const current = byLogin.get(data.login);
    const unit = unitByName.get(data.unit);
    if (current && current.role !== 'officer') at('login', t('import.err.loginTaken', { login: data.login }));
    if (!unit) at('unit', t('import.err.unknownUnit', { name: data.unit }));
    else if (unit.disabled && unit.id !== current?.unitId) at('unit', t('import.err.unitDisabled', { name: data.unit }));
    if (!unit || (current && current.role !== 'officer')) continue;
    // Only the columns the file has: a phone column left out keeps the stored phone.
    const given = { name: data.name, unitId: unit.id, ...(data.phone === undefined ? {} : { phone: data.phone || null }) };
    const shown = { line, login: data.login, name: data.name, unit: unit.name };
    if (!current) {
      const token = randomToken(32);
      statements.push(
        db.insert(users).values({
          id: newId(),
          login: data.login,
          role: 'officer',
          passwordHash: null,
          setupTokenHash: await sha256Hex(token),
          setupExpiresAt: now + SETUP_LINK_MS,
          createdAt: now,
          ...given,
        }),
      );
      changes.push({ ...shown, action: 'create', changed: [], token });
      continue;
    }
    const changed = Object.keys(given).filter((k) => given[k as keyof typeof given] !== current[k as keyof typeof current]);
    if (changed.length) statements.push(db.update(users).set(given).where(eq(users.id, current.id)));
    changes.push({ ...shown, action: changed.length ? 'update' : 'unchanged', changed });
  }
  return issues.length ? { ok: false, issues: issues.sort(byLine) } : { ok: true, changes, statements };
}
