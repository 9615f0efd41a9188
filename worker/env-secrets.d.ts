// Secrets are not in wrangler.toml, so `wrangler types` cannot see them: declared here.
// LINK_SECRET keys the HMAC that derives survey link tokens (set with `wrangler secret put LINK_SECRET`;
// `npm run dev` writes a random one to .dev.vars).
declare namespace Cloudflare {
  interface Env {
    LINK_SECRET: string;
  }
}

// Hono's c.env is typed with the global Env that `wrangler types` generates; extend it the same way.
interface Env {
  LINK_SECRET: string;
}
