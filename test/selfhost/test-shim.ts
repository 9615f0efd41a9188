// `cloudflare:test` for the Node target: what the integration tests import from it.
import { env, executionContext, fetchApp, settled } from './node-env';

export { env };
export const SELF = { fetch: fetchApp };
/** Migrations are applied when the env is built (node-env.ts). */
export const applyD1Migrations = async () => {};
export const createExecutionContext = executionContext;
export const waitOnExecutionContext = async () => settled();
export const createScheduledController = (opts: { scheduledTime?: number; cron?: string } = {}) => ({
  scheduledTime: opts.scheduledTime ?? Date.now(),
  cron: opts.cron ?? '5 16 * * *',
  noRetry() {},
});
