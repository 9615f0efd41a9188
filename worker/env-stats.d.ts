// Optional statistics settings (worker/stats/config.ts). Not in wrangler.toml's [vars] by default, so
// `wrangler types` cannot see them: declared here. Set them as [vars] to override the defaults.
// Declared on both Env interfaces, like env-faults.d.ts: Hono's c.env is the global Env, which
// `wrangler types` does not derive from Cloudflare.Env.
declare namespace Cloudflare {
  interface Env {
    /** Small-group suppression threshold k: satisfaction over fewer responses shows 样本不足. */
    SUPPRESSION_K?: string;
    /** Points of 非常满意,满意,基本满意,不满意,非常不满意, e.g. "100,80,60,30,0". */
    LIKERT_POINTS?: string;
  }
}
interface Env {
  SUPPRESSION_K?: string;
  LIKERT_POINTS?: string;
}
