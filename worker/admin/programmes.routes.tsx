import { Hono } from 'hono';
import type { AppEnv } from '../app-env';

export const programmeRoutes = new Hono<AppEnv>();
