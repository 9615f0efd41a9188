// Test-only fault injection (test/integration/memos.test.ts): when FAULT_INJECT is "memo-last" the memo
// write appends a statement that fails, proving the batch is all or nothing. wrangler.toml never sets
// it and it is not a secret, so a deployed Worker cannot be made to fail this way by any request.
// Declared on both Env interfaces: `wrangler types` makes the global Env (Hono's c.env) extend only the
// generated bindings, not Cloudflare.Env (what `cloudflare:workers` env is typed as in tests).
declare namespace Cloudflare {
  interface Env {
    FAULT_INJECT?: string;
  }
}
interface Env {
  FAULT_INJECT?: string;
}
