// Optional bindings of the outbox's senders (worker/notify/), not in wrangler.toml by default, so
// `wrangler types` cannot see them: declared here, on both Env interfaces like env-stats.d.ts.
// WEBHOOK_SECRET keys the webhook's HMAC signature (`wrangler secret put WEBHOOK_SECRET`; without it
// the key is derived from LINK_SECRET). EMAIL is Cloudflare's Email Sending binding ([[send_email]]
// name = "EMAIL" in wrangler.toml) and EMAIL_FROM the address it sends from.
declare namespace Cloudflare {
  interface Env {
    WEBHOOK_SECRET?: string;
    EMAIL?: SendEmail;
    EMAIL_FROM?: string;
  }
}
interface Env {
  WEBHOOK_SECRET?: string;
  EMAIL?: SendEmail;
  EMAIL_FROM?: string;
}
