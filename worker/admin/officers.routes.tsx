import { Hono } from 'hono';
import type { AppEnv } from '../app-env';

export const officerRoutes = new Hono<AppEnv>();
