// The Worker's entry: the Hono app for requests, and the daily run for the Cron Trigger.
import { createApp } from './app';
import { runDaily } from './daily/daily-run';
import { createDb } from './lib/db';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, _ctx) {
    await runDaily(createDb(env.DB), env, controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
