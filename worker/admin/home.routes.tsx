import { Hono } from 'hono';
import { chinaToday } from '../../schema/rules/china-time';
import { AdminHomePage } from '../../web/pages/admin/home';
import type { AppEnv } from '../app-env';
import { render } from '../lib/render';
import { adminNumbers } from './home.queries';

/** GET /admin: the programme office's landing page, with what needs attention now (issue 17). */
export const adminHomeRoutes = new Hono<AppEnv>();

adminHomeRoutes.get('/', async (c) => {
  const now = Date.now();
  return render(c, <AdminHomePage numbers={await adminNumbers(c.get('db'), now, chinaToday(now))} />);
});
