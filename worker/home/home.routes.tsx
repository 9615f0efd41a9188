import { Hono } from 'hono';
import { ledgerQuery } from '../../schema/inputs/problems';
import { chinaDateTime, chinaToday, monthOf } from '../../schema/rules/china-time';
import { LEADER_HOME } from '../../schema/rules/leader-access';
import { threeOnes } from '../../schema/rules/three-ones';
import { HandlerHomePage } from '../../web/pages/handler-home';
import { OfficerHomePage } from '../../web/pages/officer-home';
import { myEnterprises } from '../admin/assignments.queries';
import { currentProgramme } from '../admin/programmes.queries';
import type { AppEnv } from '../app-env';
import { requireUser } from '../auth/guards';
import { render } from '../lib/render';
import { listProblems } from '../problems/ledger.queries';
import { openTodos } from '../problems/todo-list.queries';
import { officerMonth } from './home.queries';

export const homeRoutes = new Hono<AppEnv>();

/**
 * The landing page: admins go to administration; unit handlers see their 待办 and their unit's open
 * problems; officers see their 待办 and 我的帮扶企业 for the active programme, each with this month's 三个一
 * and its open and overdue problems, and the "new memo" action.
 */
homeRoutes.get('/', requireUser, async (c) => {
  const user = c.get('user');
  if (!user) return c.redirect('/login', 303);
  if (user.role === 'admin') return c.redirect('/admin', 303);
  if (user.role === 'leader') return c.redirect(LEADER_HOME, 303);
  const db = c.get('db');
  const on = chinaToday();
  if (user.role === 'handler') {
    const open = ledgerQuery.parse({});
    const [todos, queue] = await Promise.all([
      openTodos(db, user.id),
      listProblems(db, user, open, { today: on, lateOn: on }, { openOnly: true }),
    ]);
    return render(c, <HandlerHomePage todos={todos} queue={queue.rows} total={queue.total} today={on} />);
  }
  const month = monthOf(on);
  const programme = await currentProgramme(db, on);
  const [rows, counts, todos] = await Promise.all([
    programme ? myEnterprises(db, user.id, programme.id, on) : Promise.resolve([]),
    programme ? officerMonth(db, user.id, programme.id, month, on) : Promise.resolve(new Map()),
    openTodos(db, user.id),
  ]);
  const cards = rows.map((e) => {
    const n = counts.get(e.id) ?? { contacts: 0, onsite: 0, solved: 0, noRequest: 0, open: 0, overdue: 0 };
    return { ...e, threeOnes: threeOnes(n), open: n.open, overdue: n.overdue };
  });
  return render(
    c,
    <OfficerHomePage programme={programme ?? null} month={month} enterprises={cards} todos={todos} syncedAt={chinaDateTime(Date.now())} />,
  );
});
