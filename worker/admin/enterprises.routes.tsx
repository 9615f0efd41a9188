import { Hono } from 'hono';
import type { AppEnv } from '../app-env';

export const enterpriseRoutes = new Hono<AppEnv>();
