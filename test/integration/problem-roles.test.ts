// Every cell of the role × move table (schema/rules/problem-moves.ts MAY): for each move, the problem is
// put in a state that allows it; every actor the table does not name gets 403, one audit row
// ('forbidden', with the move and the actor) and nothing else stored; the actor it names succeeds. The
// officer, who used to do it all, can no longer accept, extend, close or strike off. A leader (领导) is no
// actor at all: every move 403.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_SEGMENTS } from '../../schema/inputs/problems';
import { addDays } from '../../schema/rules/china-time';
import { ACTORS, type Actor, MAY, MOVES, type Move } from '../../schema/rules/problem-moves';
import { login, makeUnit, makeUser, postForm } from '../fixtures';
import { enterpriseLink } from '../fixtures/enterprise-links';
import { dispatchTo, handlerOf, memoWithProblem, move, pairedOfficer, readProblemRow, theAdmin, today } from '../fixtures/memos';
import { auditRows, changed, tableCounts } from '../security/helpers';

type World = {
  cookies: Record<Actor, string>;
  ids: Record<Actor, string>;
  lead: string;
  support: string;
  other: string;
  officer: Awaited<ReturnType<typeof pairedOfficer>>;
  /** A leader (领导, issue 19): no actor of the table, so no move at all. */
  leader: { id: string; cookie: string };
};
let w: World;

beforeAll(async () => {
  const officer = await pairedOfficer();
  const admin = await theAdmin();
  const [lead, support, other] = [await makeUnit(), await makeUnit(), await makeUnit()];
  const [l, s] = [await handlerOf(lead.id), await handlerOf(support.id)];
  // The enterprise acts through its 我的诉求 link's cookie, never an account (issue 16).
  const e = await enterpriseLink(officer.programmeId, officer.enterprise.id);
  const leader = await makeUser({ role: 'leader' });
  w = {
    cookies: { admin: admin.cookie, officer: officer.cookie, lead: l.cookie, support: s.cookie, enterprise: e.cookie },
    ids: { admin: admin.user.id, officer: officer.user.id, lead: l.user.id, support: s.user.id, enterprise: '' },
    lead: lead.id,
    support: support.id,
    other: other.id,
    officer,
    leader: { id: leader.id, cookie: await login(leader) },
  };
});

/** A body that is valid for the move, so only the actor decides. */
const body = (m: Move): Record<string, string | string[]> =>
  ({
    dispatch: { leadUnitId: w.lead, supportUnitIds: [w.support] },
    transfer: { leadUnitId: w.other, supportUnitIds: [w.support], reason: '职责调整' },
    accept: { note: '' },
    progress: { note: '进展' },
    note: { note: '协办意见' },
    request_extension: { deadline: addDays(today(), 90), reason: '审批周期长' },
    approve_extension: { note: '' },
    reject_extension: { note: '' },
    close: { resolution: '已解决' },
    unresolvable: { reason: '超出事权' },
    confirm_unresolvable: { note: '' },
    follow_up: { outcome: 'satisfied', note: '' },
    confirm: { outcome: 'satisfied', reason: '' },
    strike_off: { note: '' },
    supervise: { note: '请加快', respondBy: addDays(today(), 3) },
  })[m];

/** A move as the actor's browser posts it: the enterprise's only move is on its own page. */
const post = (actor: Actor, id: string, m: Move) =>
  actor === 'enterprise' && m === 'confirm'
    ? postForm(`/e/problems/${id}/confirm`, body(m), { cookie: w.cookies.enterprise })
    : move(w.cookies[actor], id, ACTION_SEGMENTS[m], body(m));

const step = async (actor: Actor, id: string, m: Move) => {
  const res = await post(actor, id, m);
  if (res.status !== 303) throw new Error(`${actor} ${m}: ${res.status}`);
};

/** A fresh problem in a state where `m` is legal, reached through the moves of the right actors. */
async function problemFor(m: Move): Promise<string> {
  const { id } = await memoWithProblem(w.officer.cookie, w.officer.enterprise.id);
  if (m === 'dispatch') return id;
  await dispatchTo(id, w.lead, { supportUnitIds: [w.support] });
  if (['transfer', 'accept', 'note', 'request_extension', 'supervise'].includes(m)) return id;
  await step('lead', id, 'accept');
  if (['progress', 'close', 'unresolvable'].includes(m)) return id;
  if (m === 'approve_extension' || m === 'reject_extension') {
    await step('lead', id, 'request_extension');
    return id;
  }
  if (m === 'confirm_unresolvable') {
    await step('lead', id, 'unresolvable');
    return id;
  }
  await step('lead', id, 'close');
  if (m === 'follow_up' || m === 'confirm') return id;
  await step('officer', id, 'follow_up');
  return id; // strike_off
}

describe('the role × move table, cell by cell', () => {
  for (const m of MOVES) {
    it(`${m}: only ${MAY[m].join(', ')}; anyone else 403 (404 to a unit before 交办), audited, nothing stored`, async () => {
      const id = await problemFor(m);
      const state = await readProblemRow(id);
      for (const actor of ACTORS.filter((a) => !MAY[m].includes(a) && a !== 'enterprise')) {
        // A 待交办 problem is no unit's yet: to a handler it does not exist (404, audited as not visible).
        const unseen = state?.status === 'pending' && (actor === 'lead' || actor === 'support');
        const action = unseen ? 'not_visible' : 'forbidden';
        const before = await tableCounts();
        const audited = (await auditRows(action)).length;
        const res = await move(w.cookies[actor], id, ACTION_SEGMENTS[m], body(m));
        expect(res.status, `${actor} ${m}`).toBe(unseen ? 404 : 403);
        const rows = (await auditRows(action)).slice(audited);
        expect(rows, `${actor} ${m}`).toEqual([{ actor_id: w.ids[actor], object_type: 'problem', object_id: id }]);
        expect(changed(before, await tableCounts(), ['audit_log']), `${actor} ${m}`).toEqual({});
        expect(await readProblemRow(id)).toEqual(state);
      }
      // The enterprise has no account: a staff move with its link cookie asks for a sign-in and stores nothing.
      if (!MAY[m].includes('enterprise')) {
        const before = await tableCounts();
        expect((await move(w.cookies.enterprise, id, ACTION_SEGMENTS[m], body(m))).status, `enterprise ${m}`).toBe(401);
        expect(changed(before, await tableCounts()), `enterprise ${m}`).toEqual({});
        expect(await readProblemRow(id)).toEqual(state);
      }
      // A leader makes no move (issue 19): refused before the ledger is read, audited, nothing stored.
      {
        const before = await tableCounts();
        const audited = (await auditRows('forbidden')).length;
        const res = await move(w.leader.cookie, id, ACTION_SEGMENTS[m], body(m));
        expect(res.status, `leader ${m}`).toBe(403);
        expect((await auditRows('forbidden')).slice(audited), `leader ${m}`).toEqual([
          { actor_id: w.leader.id, object_type: 'route', object_id: `POST /problems/${id}/${ACTION_SEGMENTS[m]}` },
        ]);
        expect(changed(before, await tableCounts(), ['audit_log']), `leader ${m}`).toEqual({});
        expect(await readProblemRow(id)).toEqual(state);
      }
      for (const actor of MAY[m]) {
        const res = await post(actor, id, m);
        expect(res.status, `${actor} ${m}`).toBe(303);
      }
    });
  }
});

describe('the officer', () => {
  it('can no longer accept, extend, close or strike off a problem', async () => {
    const id = await problemFor('close');
    for (const m of ['accept', 'request_extension', 'approve_extension', 'close', 'unresolvable', 'strike_off'] as const) {
      expect((await move(w.cookies.officer, id, ACTION_SEGMENTS[m], body(m))).status, m).toBe(403);
    }
    expect((await move(w.cookies.officer, id, 'extend', { deadline: addDays(today(), 90), reason: 'x' })).status).toBe(404); // the old move is gone
    expect(await readProblemRow(id)).toMatchObject({ status: 'in_progress', extendedDeadline: null, struckOffOn: null });
  });
});
