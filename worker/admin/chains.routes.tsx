import { Hono } from 'hono';
import type { AppEnv } from '../app-env';

export const chainRoutes = new Hono<AppEnv>();
