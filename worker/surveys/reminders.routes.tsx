// 催答 (issue 17): the enterprises of a round that have not answered, with their contact, when they were
// last reminded and how often; 标记已提醒 one by one or in bulk; a printable reminder sheet with each
// one's QR code and a CSV of the same; and the daily chart of answers and reminders, so the office
// sees whether reminding works. Marking is a record of the office's own calls and messages: the
// product sends nothing to enterprises.
import { type Context, Hono } from 'hono';
import { remindInput } from '../../schema/inputs/rounds';
import { chinaDateTime } from '../../schema/rules/china-time';
import { allows } from '../../schema/rules/round-state';
import { emptyForm, type FormState } from '../../web/components/fields';
import { RemindersPage } from '../../web/pages/admin/reminders';
import { RoundSheetPage } from '../../web/pages/admin/rounds-sheet';
import type { AppEnv } from '../app-env';
import { auditStatement, auditStatementIfChanged } from '../lib/audit';
import { d1Of } from '../lib/db';
import { download, FORMATS } from '../lib/download';
import { roundFileNames } from '../lib/filename';
import { setFlash } from '../lib/flash';
import { render } from '../lib/render';
import { validateForm } from '../lib/validate';
import { remindersSheet, sheetCards, withLinks } from './links-csv';
import { dailyResponses } from './reminders.queries';
import { askerOf, type LoadedRound, roundFor } from './round-load';
import { remindStatement } from './round-moves.queries';
import { roundInvitations } from './rounds.queries';

export const reminderRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';

/** The list, the chart and the marking form: the page exists from launch; marking only while links work. */
async function remindersPage(c: Context<AppEnv>, round: LoadedRound, form: FormState, status: 200 | 422 = 200) {
  const db = c.get('db');
  const now = Date.now();
  const [rows, days] = await Promise.all([roundInvitations(db, round.id, true), dailyResponses(db, round, now)]);
  return render(c, <RemindersPage round={round} rows={rows} days={days} form={form} canRemind={allows('remind', round.state)} />, status);
}

reminderRoutes.get(`${ID}/reminders`, async (c) => remindersPage(c, await roundFor(c, 'links'), emptyForm()));

reminderRoutes.post(`${ID}/reminders`, async (c) => {
  const db = c.get('db');
  const now = Date.now();
  const round = await roundFor(c, 'remind', now);
  const input = await validateForm(c, remindInput);
  if (!input.ok) return remindersPage(c, round, input.state, 422);
  const pending = new Set((await roundInvitations(db, round.id, true)).map((r) => r.id));
  const ids = input.data.all ? [...pending] : input.data.ids.filter((id) => pending.has(id));
  if (ids.length === 0) return remindersPage(c, round, { values: input.values, errors: { ids: c.get('t')('remind.err.none') } }, 422);
  const detail = { reminded: ids.length, all: input.data.all };
  await d1Of(db).batch([
    remindStatement(db, round.id, input.data.all ? { all: true, ids: [] } : { all: false, ids }, c.get('user')?.id ?? null, now),
    auditStatementIfChanged(db, c, { action: 'remind', objectType: 'campaign', objectId: round.id, detail }),
  ]);
  setFlash(c, 'flash.reminded', { n: ids.length });
  return c.redirect(`/admin/rounds/${round.id}/reminders`, 303);
});

reminderRoutes.get(`${ID}/reminders/sheet`, async (c) => {
  const db = c.get('db');
  const t = c.get('t');
  const round = await roundFor(c, 'links');
  const rows = await withLinks(await roundInvitations(db, round.id, true), c.env.LINK_SECRET, c.env.APP_ORIGIN);
  await auditStatement(db, c, {
    action: 'export_reminder_sheet',
    objectType: 'campaign',
    objectId: round.id,
    detail: { rows: rows.length },
  });
  const cards = sheetCards(rows, (r) => [
    [r.contactName, r.contactPhone].filter(Boolean).join(' '),
    r.remindedAt ? t('remind.cardLine', { at: chinaDateTime(r.remindedAt), n: r.reminded }) : t('remind.never'),
  ]);
  const title = t('remind.sheetTitle', { name: round.name });
  return render(c, <RoundSheetPage title={title} hint={t('remind.sheetHint')} asker={askerOf(round)} cards={cards} />);
});

for (const format of FORMATS) {
  reminderRoutes.get(`${ID}/reminders.${format}`, async (c) => {
    const db = c.get('db');
    const round = await roundFor(c, 'links');
    const rows = await withLinks(await roundInvitations(db, round.id, true), c.env.LINK_SECRET, c.env.APP_ORIGIN);
    const detail = { rows: rows.length, format };
    await auditStatement(db, c, { action: 'export_reminders', objectType: 'campaign', objectId: round.id, detail });
    return download(remindersSheet(round.name, rows), format, roundFileNames(c.get('t')('remind.file'), 'reminders', round));
  });
}
