import { Hono } from 'hono';
import { AdminHomePage } from '../../web/pages/admin/home';
import type { AppEnv } from '../app-env';
import { forbidden } from '../lib/errors';
import { render } from '../lib/render';
import { ledgerDay } from '../problems/deadlines.queries';
import { ledgerAlerts, openTodos, unitLoads } from '../problems/todo-list.queries';

/** GET /admin: the programme office's landing page, with its 待办 and the overdue problems per unit. */
export const adminHomeRoutes = new Hono<AppEnv>();

adminHomeRoutes.get('/', async (c) => {
  const db = c.get('db');
  const user = c.get('user');
  if (!user) throw forbidden();
  const { today, lateOn } = await ledgerDay(db);
  const [todos, loads, alerts] = await Promise.all([openTodos(db, user.id), unitLoads(db, today), ledgerAlerts(db, today, lateOn)]);
  return render(c, <AdminHomePage todos={todos} loads={loads} alerts={alerts} />);
});
