import { Hono } from 'hono';
import { chinaToday, monthOf } from '../../schema/rules/china-time';
import { threeOnes } from '../../schema/rules/three-ones';
import { OfficerHomePage } from '../../web/pages/officer-home';
import { myEnterprises } from '../admin/assignments.queries';
import { currentProgramme } from '../admin/programmes.queries';
import type { AppEnv } from '../app-env';
import { requireUser } from '../auth/guards';
import { render } from '../lib/render';
import { officerMonth } from './home.queries';

export const homeRoutes = new Hono<AppEnv>();

/**
 * The landing page: admins go to administration; officers see 我的帮扶企业 for the active programme,
 * each with this month's 三个一 and its open and overdue problems, and the "new memo" action.
 */
homeRoutes.get('/', requireUser, async (c) => {
  const user = c.get('user');
  if (!user) return c.redirect('/login', 303);
  if (user.role === 'admin') return c.redirect('/admin', 303);
  const db = c.get('db');
  const on = chinaToday();
  const month = monthOf(on);
  const programme = await currentProgramme(db, on);
  const [rows, counts] = programme
    ? await Promise.all([myEnterprises(db, user.id, programme.id, on), officerMonth(db, user.id, programme.id, month, on)])
    : [[], new Map()];
  const cards = rows.map((e) => {
    const n = counts.get(e.id) ?? { contacts: 0, onsite: 0, solved: 0, noRequest: 0, open: 0, overdue: 0 };
    return { ...e, threeOnes: threeOnes(n), open: n.open, overdue: n.overdue };
  });
  return render(c, <OfficerHomePage programme={programme ?? null} month={month} enterprises={cards} />);
});
