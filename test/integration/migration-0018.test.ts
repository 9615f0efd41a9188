// Migration 0018 rebuilds `problems` (memo_id nullable, deadline never null) on D1, where foreign keys
// are always on. A database at the migration before it, holding problems with events and the rollups
// their triggers kept, is migrated: every child row is still there (problem_events, activity tables),
// every problem is mapped as the issue says, the ledger rollup agrees with the rebuilt rows, no foreign
// key is broken, and the triggers keep working afterwards.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/lib/db';
import { rolledProblems } from '../../worker/stats/problem-counts.queries';
import { problemBreakdownRaw } from '../../worker/stats/problems.queries';

const DB = () => env.MIGRATION_DB;
const before = env.TEST_MIGRATIONS.filter((m) => m.name < '0018');
const mine = env.TEST_MIGRATIONS.filter((m) => m.name.startsWith('0018'));
/** The migrations after it, which the figures of today's code read (0026: who gave the 回访). */
const after = env.TEST_MIGRATIONS.filter((m) => m.name > '0019');

const run = (sql: string, ...params: unknown[]) =>
  DB()
    .prepare(sql)
    .bind(...params)
    .run();
const all = async <T>(sql: string, ...params: unknown[]) =>
  (
    await DB()
      .prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;

const at = (date: string, hour = 10) => Date.parse(`${date}T${String(hour - 8).padStart(2, '0')}:00:00Z`); // hour in Beijing
const P = 'prog-1';

/** The old ledger: each row as migration 0012's schema holds it, with the events its moves wrote. */
const OLD = [
  // id, status, lead unit, deadline, extended, closed_on, follow_up, struck_off, resolution, events (kind, day)
  { id: 'a', status: 'pending', unit: 'u1', deadline: '2026-03-31', closedOn: null, followUp: null, struck: 0, resolution: '', events: [] },
  { id: 'b', status: 'pending', unit: null, deadline: null, closedOn: null, followUp: null, struck: 0, resolution: '', events: [] },
  {
    id: 'c',
    status: 'in_progress',
    unit: 'u1',
    deadline: '2026-03-20',
    closedOn: null,
    followUp: null,
    struck: 0,
    resolution: '旧的办理结果', // reopened by a negative 回访: issue 14 says it no longer carries this
    events: [
      ['accept', '2026-03-04'],
      ['close', '2026-03-10'],
      ['reopen', '2026-03-12'],
    ],
  },
  {
    id: 'd',
    status: 'closed',
    unit: 'u1',
    deadline: '2026-03-31',
    closedOn: '2026-03-13',
    followUp: 'satisfied',
    struck: 1,
    resolution: '已解决',
    events: [
      ['accept', '2026-03-05'],
      ['close', '2026-03-13'],
      ['follow_up', '2026-03-16'],
      ['strike_off', '2026-03-17'],
    ],
  },
  {
    id: 'e',
    status: 'unresolvable',
    unit: 'u2',
    deadline: '2026-03-31',
    closedOn: null,
    followUp: null,
    struck: 0,
    resolution: '',
    events: [
      ['accept', '2026-03-03'],
      ['unresolvable', '2026-03-09'],
    ],
  },
  {
    id: 'f',
    status: 'closed',
    unit: null,
    deadline: '2026-03-15',
    closedOn: '2026-03-06',
    followUp: 'basically',
    struck: 0,
    resolution: '现场解决',
    events: [],
  },
] as const;

type Row = Record<string, unknown>;
let snapshot: { events: Row[]; pairMonths: Row[]; counts: Row[]; reach: Row[]; raised: Row[] };

beforeAll(async () => {
  await applyD1Migrations(DB(), before);
  const now = at('2026-03-01');
  await DB().batch([
    DB().prepare(`INSERT INTO units (id, name, created_at) VALUES ('u1', '市国资委', ?1), ('u2', '市编委办', ?1)`).bind(now),
    DB()
      .prepare(
        `INSERT INTO users (id, login, name, role, unit_id, created_at) VALUES ('o1', 'zhang', '张伟', 'officer', 'u1', ?1), ('ad', 'admin', '管理员', 'admin', NULL, ?1)`,
      )
      .bind(now),
    DB().prepare(`INSERT INTO chains (id, name, created_at) VALUES ('c1', '生物医药', ?1)`).bind(now),
    DB()
      .prepare(
        `INSERT INTO enterprises (id, name, credit_code, region, chain_id, created_at, updated_at) VALUES ('e1', '金健药业', '914301000000000001', '经开区', 'c1', ?1, ?1)`,
      )
      .bind(now),
    DB()
      .prepare(
        `INSERT INTO programmes (id, name, starts_on, ends_on, created_at) VALUES (?1, '2026年行动', '2026-01-01', '2026-12-31', ?2)`,
      )
      .bind(P, now),
    DB()
      .prepare(
        `INSERT INTO assignments (id, programme_id, officer_id, enterprise_id, is_lead, created_at) VALUES ('as1', ?1, 'o1', 'e1', 1, ?2)`,
      )
      .bind(P, now),
    DB()
      .prepare(
        `INSERT INTO memos (id, programme_id, enterprise_id, officer_id, visit_date, mode, created_at) VALUES ('m1', ?1, 'e1', 'o1', '2026-03-02', 'onsite', ?2)`,
      )
      .bind(P, now),
  ]);
  for (const p of OLD) {
    await run(
      `INSERT INTO problems (id, code, memo_id, programme_id, enterprise_id, officer_id, category, description, lead_unit_id, raised_on,
        deadline, status, resolution, solved_on_spot, closed_on, follow_up, follow_up_on, struck_off, struck_off_on, updated_at)
      VALUES (?1, ?1, 'm1', ?2, 'e1', 'o1', 'finance', '问题', ?3, '2026-03-02', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)`,
      p.id,
      P,
      p.unit,
      p.deadline,
      p.status,
      p.resolution,
      p.id === 'f' ? 1 : 0,
      p.closedOn,
      p.followUp,
      p.followUp ? '2026-03-16' : null,
      p.struck,
      p.struck ? '2026-03-17' : null,
      now,
    );
    await run(
      `INSERT INTO problem_events (problem_id, at, actor_id, kind, from_status, to_status, note) VALUES (?1, ?2, 'o1', 'create', NULL, 'pending', '')`,
      p.id,
      at('2026-03-02'),
    );
    for (const [kind, day] of p.events)
      await run(
        `INSERT INTO problem_events (problem_id, at, actor_id, kind, from_status, to_status, note) VALUES (?1, ?2, 'o1', ?3, NULL, NULL, ?3)`,
        p.id,
        at(day, 15),
        kind,
      );
  }
  snapshot = {
    events: await all('SELECT * FROM problem_events ORDER BY id'),
    pairMonths: await all('SELECT * FROM activity_pair_months ORDER BY 1, 2, 3, 4'),
    counts: await all('SELECT * FROM activity_counts ORDER BY 1, 2, 3, 4'),
    reach: await all('SELECT * FROM activity_reach ORDER BY 1, 2, 3, 4, 5'),
    raised: await all(`SELECT * FROM problem_counts WHERE kind = 'raised' ORDER BY 1, 2, 3, 4, 5, 6, 7`),
  };
  expect(snapshot.events).toHaveLength(6 + 9);
  expect(snapshot.pairMonths).toHaveLength(1); // the memo, and the two problems then closed (d, f)
  await applyD1Migrations(DB(), mine);
});

describe('migration 0018', () => {
  it('keeps every child row: events (each now with its actor’s role), the visit rollups, the raised counts', async () => {
    const events = await all<Row>(`SELECT * FROM problem_events WHERE kind <> 'migrate' ORDER BY id`);
    expect(events).toEqual(snapshot.events.map((e) => ({ ...e, actor_role: 'officer' })));
    expect(await all('SELECT * FROM activity_pair_months ORDER BY 1, 2, 3, 4')).toEqual(snapshot.pairMonths);
    expect(await all('SELECT * FROM activity_counts ORDER BY 1, 2, 3, 4')).toEqual(snapshot.counts);
    expect(await all('SELECT * FROM activity_reach ORDER BY 1, 2, 3, 4, 5')).toEqual(snapshot.reach);
    expect(await all(`SELECT * FROM problem_counts WHERE kind = 'raised' ORDER BY 1, 2, 3, 4, 5, 6, 7`)).toEqual(snapshot.raised);
    expect(await all('PRAGMA foreign_key_check')).toEqual([]);
    expect(await all(`SELECT name FROM sqlite_master WHERE name LIKE '%before_0018%'`)).toEqual([]);
  });

  it('maps each problem as issue 15 says, and marks each changed status with a migrate event', async () => {
    const rows = await all<Row>(
      `SELECT id, status, deadline, deadline_provisional AS provisional, dispatched_on AS dispatched, accepted_on AS accepted, closed_on AS closed,
        dispatch_days AS dd, accept_days AS ad, handling_days AS hd, resolution FROM problems ORDER BY id`,
    );
    expect(rows).toEqual([
      // a lead unit: 已交办 on the day raised
      {
        id: 'a',
        status: 'dispatched',
        deadline: '2026-03-31',
        provisional: 0,
        dispatched: '2026-03-02',
        accepted: null,
        closed: null,
        dd: 0,
        ad: null,
        hd: null,
        resolution: '',
      },
      // no unit, no deadline: 待交办 with the programme default (30 days), provisional
      {
        id: 'b',
        status: 'pending',
        deadline: '2026-04-01',
        provisional: 1,
        dispatched: null,
        accepted: null,
        closed: null,
        dd: null,
        ad: null,
        hd: null,
        resolution: '',
      },
      // accepted Wednesday 03-04 (2 working days after Monday 03-02); reopened: no 办理结果 any more
      {
        id: 'c',
        status: 'in_progress',
        deadline: '2026-03-20',
        provisional: 0,
        dispatched: '2026-03-02',
        accepted: '2026-03-04',
        closed: null,
        dd: 0,
        ad: 2,
        hd: null,
        resolution: '',
      },
      // struck off: 已销号; handled Monday 03-02 → Friday 03-13, 9 working days
      {
        id: 'd',
        status: 'struck_off',
        deadline: '2026-03-31',
        provisional: 0,
        dispatched: '2026-03-02',
        accepted: '2026-03-05',
        closed: '2026-03-13',
        dd: 0,
        ad: 3,
        hd: 9,
        resolution: '已解决',
      },
      // 无法办理 was final: 确认无法办理, closed on the day it was declared (Monday 03-09)
      {
        id: 'e',
        status: 'unresolved',
        deadline: '2026-03-31',
        provisional: 0,
        dispatched: '2026-03-02',
        accepted: '2026-03-03',
        closed: '2026-03-09',
        dd: 0,
        ad: 1,
        hd: 5,
        resolution: '',
      },
      // solved on the spot, no unit: unchanged
      {
        id: 'f',
        status: 'closed',
        deadline: '2026-03-15',
        provisional: 0,
        dispatched: null,
        accepted: null,
        closed: '2026-03-06',
        dd: null,
        ad: null,
        hd: null,
        resolution: '现场解决',
      },
    ]);
    const migrated = await all<Row>(
      `SELECT problem_id AS id, from_status AS f, to_status AS t, actor_id AS actor FROM problem_events WHERE kind = 'migrate' ORDER BY problem_id`,
    );
    expect(migrated).toEqual([
      { id: 'a', f: 'pending', t: 'dispatched', actor: null },
      { id: 'd', f: 'closed', t: 'struck_off', actor: null },
      { id: 'e', f: 'unresolvable', t: 'unresolved', actor: null },
    ]);
  });

  it('leaves the ledger rollup equal to the figures of the rebuilt rows, 确认无法办理 counted closed and not resolved', async () => {
    await applyD1Migrations(DB(), after);
    const db = createDb(DB());
    const scope = { programmeId: P, period: { from: '2026-01-01', to: '2026-12-31' }, today: '2026-04-15' };
    for (const by of ['total', 'unit', 'category', 'chain', 'region'] as const) {
      const sort = <T extends { key: string | null }>(g: T[]) => [...g].sort((x, y) => String(x.key).localeCompare(String(y.key)));
      const raw = sort(await problemBreakdownRaw(db, scope, by));
      const rolled = sort(
        (await rolledProblems(db, scope, by)).map((g) => ({ ...g, label: raw.find((r) => r.key === g.key)?.label ?? g.label })),
      );
      expect(rolled, by).toEqual(raw.map((g) => ({ ...g, key: by === 'total' ? 'all' : g.key })));
    }
    const [total] = await rolledProblems(db, scope, 'total');
    // due by 04-15: all six; closed: d, e, f; on time: all three; resolved: d (满意), f (基本满意); 确认无法办理: e;
    // overdue: a, c (deadline passed, open), b (provisional 04-01, open).
    expect(total).toMatchObject({ raised: 6, due: 6, dueClosed: 3, dueOnTime: 3, dueResolved: 2, unresolved: 1, overdue: 3 });
  });

  it('takes problems without a memo (企业直报) and keeps the triggers working', async () => {
    await run(
      `INSERT INTO problems (id, code, memo_id, source, programme_id, enterprise_id, officer_id, category, description, raised_on, deadline, updated_at)
      VALUES ('g', 'g', NULL, 'enterprise', ?1, 'e1', 'o1', 'land', '企业直报', '2026-04-02', '2026-05-02', 0)`,
      P,
    );
    const counted = await all<{ n: number }>(
      `SELECT n FROM problem_counts WHERE programme_id = ?1 AND dimension = 'total' AND grain = 'd' AND kind = 'raised' AND period = '2026-04-02'`,
      P,
    );
    expect(counted).toEqual([{ n: 1 }]);
    await expect(run(`UPDATE problem_events SET problem_id = 'nowhere' WHERE id = 1`)).rejects.toThrow(/FOREIGN KEY/);
  });
});
