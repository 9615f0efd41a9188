// `cloudflare:workers` for the Node target (test/selfhost/vitest.config.ts aliases it here).
import { env, fetchApp } from './node-env';

export { env };
export const exports = { default: { fetch: fetchApp } };
