// The floor of the start-up benchmark: the smallest Hono Worker, built and profiled exactly like the
// app (bench/steps/startup.ts), so the app's start-up CPU reads against what the runtime and Hono cost.
import { Hono } from 'hono';

export default new Hono().get('/', (c) => c.text('ok'));
