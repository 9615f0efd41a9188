import { Hono } from 'hono';
import type { AppEnv } from '../app-env';

export const importRoutes = new Hono<AppEnv>();
