// Secrets are not in wrangler.toml, so `wrangler types` cannot see them: declared here.
// LINK_SECRET keys the HMAC that derives survey link tokens (set with `wrangler secret put LINK_SECRET`;
// `npm run dev` writes a random one to .dev.vars).
declare namespace Cloudflare {
  interface Env {
    LINK_SECRET: string;
  }
}
