import { Hono } from 'hono';
import { AdminHomePage } from '../../web/pages/admin/home';
import type { AppEnv } from '../app-env';
import { render } from '../lib/render';

/** GET /admin: the programme office's landing page. */
export const adminHomeRoutes = new Hono<AppEnv>();

adminHomeRoutes.get('/', (c) => render(c, <AdminHomePage />));
