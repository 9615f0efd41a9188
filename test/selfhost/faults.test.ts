// Concurrency and faults on the Node target (issue 23): one link posted 200 times at once stores one
// response; a disk that fills in the middle of a batch (SQLite's max_page_count) answers 503 and keeps
// nothing of it, in the adapter and through the app.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignCounters } from '../../schema/survey-tables';
import { d1OverSqlite } from '../../server/d1-sqlite.ts';
import { openDatabase } from '../../server/open-database.ts';
import { isStorageError } from '../../worker/lib/errors';
import { db } from '../fixtures';
import { memoForm, pairedOfficer, postMemo, problemRow } from '../fixtures/memos';
import { ready, stored, VALID } from '../integration/rounds.fixtures';
import { changed, tableCounts } from '../security/helpers';
import { dataDir, sqlite } from './node-env';

const pageCount = () => (sqlite.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;

describe('one link, 200 posts at once', () => {
  it('stores one response: one 200, every other post the already-answered 409', async () => {
    const r = await ready();
    const statuses = await Promise.all(Array.from({ length: 200 }, () => r.submit(VALID).then((res) => res.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect((await stored(r.campaignId)).responses).toBe(1);
    expect((await db().select().from(campaignCounters).where(eq(campaignCounters.campaignId, r.campaignId)).get())?.submitted).toBe(1);
  });
});

describe('the disk fills in the middle of a batch', () => {
  it('rolls the whole batch back with a storage error (adapter)', async () => {
    const file = openDatabase(`${dataDir}/full.sqlite`);
    file.exec('CREATE TABLE small (v TEXT); CREATE TABLE big (v BLOB)');
    const d1 = d1OverSqlite(file);
    const pages = (file.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    file.exec(`PRAGMA max_page_count = ${pages + 2}`);
    const error = await d1
      .batch([d1.prepare("INSERT INTO small VALUES ('first')"), d1.prepare('INSERT INTO big VALUES (zeroblob(1000000))')])
      .catch((e: Error) => e);
    expect((error as Error).message).toBe('D1_ERROR: database or disk is full: SQLITE_FULL');
    expect(isStorageError(error)).toBe(true);
    expect(file.prepare('SELECT count(*) AS n FROM small').get()).toEqual({ n: 0 });
    // The first statement alone fits: it was written, then undone with the batch.
    await d1.batch([d1.prepare("INSERT INTO small VALUES ('first')")]);
    expect(file.prepare('SELECT count(*) AS n FROM small').get()).toEqual({ n: 1 });
  });

  it('answers a memo post with 503 and stores no part of it (app)', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const before = await tableCounts();
    // Room for no new page: the memo's batch (memo, problems, events, 待办, audit rows) fails where
    // the first table or index needs one, after the statements before it were written.
    const long = '资金'.repeat(450);
    sqlite.exec(`PRAGMA max_page_count = ${pageCount()}`);
    let res: Response;
    try {
      res = await postMemo(
        cookie,
        memoForm(enterprise.id, [problemRow({ description: long }), problemRow({ description: long })], {
          businessSituation: long.repeat(2),
        }),
      );
    } finally {
      sqlite.exec('PRAGMA max_page_count = 1073741823');
    }
    expect(res.status).toBe(503);
    expect(await res.text()).not.toMatch(/SQLITE|D1_|disk is full/);
    // The refusal's own bookkeeping aside, no table moved: nothing partial.
    expect(changed(before, await tableCounts(), ['audit_log', 'throttles'])).toEqual({});
    expect(await db().get<{ n: number }>(sql`SELECT count(*) AS n FROM memos WHERE enterprise_id = ${enterprise.id}`)).toEqual({ n: 0 });
    // With room again the same memo is stored.
    expect((await postMemo(cookie, memoForm(enterprise.id, [problemRow()]))).status).toBe(303);
  });
});
