import { Hono } from 'hono';
import type { AppEnv } from '../app-env';

export const assignmentRoutes = new Hono<AppEnv>();
