import { Hono } from 'hono';
import { AdminHomePage } from '../../web/pages/admin/home';
import type { AppEnv } from '../app-env';
import { requireRole } from '../auth/guards';
import { exportRoutes } from '../exports/exports.routes';
import { formRoutes } from '../forms/forms.routes';
import { render } from '../lib/render';
import { reportRoutes } from '../reports/report.routes';
import { statsRoutes } from '../stats/stats.routes';
import { roundRoutes } from '../surveys/rounds.routes';
import { assignmentRoutes } from './assignments.routes';
import { chainRoutes } from './chains.routes';
import { enterpriseRoutes } from './enterprises.routes';
import { importRoutes } from './import.routes';
import { officerRoutes } from './officers.routes';
import { programmeRoutes } from './programmes.routes';
import { unitRoutes } from './units.routes';

/** Everything under /admin: the pairing list (确定帮扶名单). Admins only, checked on every route. */
export const adminRoutes = new Hono<AppEnv>();
adminRoutes.use(requireRole('admin'));

adminRoutes.get('/', (c) => render(c, <AdminHomePage />));
adminRoutes.route('/units', unitRoutes);
adminRoutes.route('/officers', officerRoutes);
adminRoutes.route('/chains', chainRoutes);
adminRoutes.route('/enterprises', enterpriseRoutes);
adminRoutes.route('/programmes', programmeRoutes);
adminRoutes.route('/assignments', assignmentRoutes);
adminRoutes.route('/import', importRoutes);
adminRoutes.route('/forms', formRoutes);
adminRoutes.route('/rounds', roundRoutes);
adminRoutes.route('/stats', statsRoutes);
adminRoutes.route('/exports', exportRoutes);
adminRoutes.route('/report', reportRoutes);
