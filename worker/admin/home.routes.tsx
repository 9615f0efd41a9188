import { Hono } from 'hono';
import { AdminHomePage } from '../../web/pages/admin/home';
import type { AppEnv } from '../app-env';
import { forbidden } from '../lib/errors';
import { render } from '../lib/render';
import { ledgerDay } from '../problems/deadlines.queries';
import { ledgerAlerts, openTodos, unitLoads } from '../problems/todo-list.queries';
import { adminNumbers } from './home.queries';

/** GET /admin: the programme office's landing page, with what needs attention now (issues 15, 17). */
export const adminHomeRoutes = new Hono<AppEnv>();

adminHomeRoutes.get('/', async (c) => {
  const db = c.get('db');
  const user = c.get('user');
  if (!user) throw forbidden();
  const now = Date.now();
  const { today, lateOn } = await ledgerDay(db);
  const [numbers, todos, loads, alerts] = await Promise.all([
    adminNumbers(db, now, today),
    openTodos(db, user.id),
    unitLoads(db, today),
    ledgerAlerts(db, today, lateOn),
  ]);
  return render(c, <AdminHomePage numbers={numbers} ledger={{ todos, loads, alerts }} />);
});
