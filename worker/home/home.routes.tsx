import { Hono } from 'hono';
import { OfficerHomePage } from '../../web/pages/officer-home';
import type { AppEnv } from '../app-env';
import { requireUser } from '../auth/guards';
import { render } from '../lib/render';
import { activeProgramme, myEnterprises } from './home.queries';

export const homeRoutes = new Hono<AppEnv>();

/** The landing page: admins go to administration, officers see 我的帮扶企业 for the active programme. */
homeRoutes.get('/', requireUser, async (c) => {
  const user = c.get('user');
  if (!user) return c.redirect('/login', 303);
  if (user.role === 'admin') return c.redirect('/admin', 303);
  const db = c.get('db');
  const programme = await activeProgramme(db);
  const rows = programme ? await myEnterprises(db, user.id, programme.id) : [];
  return render(c, <OfficerHomePage programme={programme ?? null} enterprises={rows} />);
});
