// The floor of the submission benchmark: a Worker that does nothing but the D1 writes of one survey
// submission — the same statements, in one batch, as worker/surveys/answer.queries.ts submitStatements
// (response, answers, option_counts upserts, the round's counter, the group_counts rollup, the audit
// row, the invitation's submitted_at, and the read of who is asking for the thank-you page; their SQL text comes from worker/surveys/submit-sql.ts as bindings). No routing, link lookup, validation or page rendering: the app's throughput divided by
// this one is the share the app keeps of what D1 itself allows (DESIGN §8 asks ≥ 0.8).
// The bench sends it the same requests as the app, link cookie included: the batch checks the link by
// its token's SHA-256, as the app's does.

/** Free-text questions of 《帮扶满意度调查表》: stored as answers, never counted in option_counts. */
const FREE_TEXT = new Set(['reason', 'suggestions']);

export default {
  async fetch(request, env) {
    // GET: nothing at all — the round trip of an empty Worker, the baseline of the dashboard timings.
    if (request.method === 'GET') return new Response('floor');
    const campaignId = new URL(request.url).searchParams.get('round');
    const token = /(?:^|;\s*)__Host-sv=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
    if (request.method !== 'POST' || !campaignId || !token) return new Response('bad request', { status: 400 });
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
    const tokenHash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const now = Date.now();
    const responseId = crypto.randomUUID();
    const ip = request.headers.get('cf-connecting-ip');
    const rows = [];
    const body = await request.text();
    for (const [key, value] of new URLSearchParams(body)) {
      const num = /^[1-5]$/.test(value) ? Number(value) : value === 'yes' ? 1 : value === 'no' ? 0 : null;
      rows.push({ key, num, text: num === null ? value : null });
    }
    const counted = rows.filter((r) => !FREE_TEXT.has(r.key));
    const db = env.DB;
    // The app's own statements (worker/surveys/submit-sql.ts), given as bindings by bench/steps/submit.ts.
    const statements = [
      db.prepare(env.INSERT_RESPONSE).bind(
        responseId,
        tokenHash,
        campaignId,
        now,
        '{"via":"form","js":false,"ua":"unknown","seconds":null}',
        env.FORM_VERSION_ID,
        // The CSV answer cells the app writes from labels (its own work): here the body, of like length.
        body,
      ),
      db.prepare(env.INSERT_ANSWERS).bind(responseId, campaignId, JSON.stringify(rows.map((r) => [r.key, r.num, r.text]))),
      db
        .prepare(env.ADD_OPTION_COUNTS)
        .bind(responseId, campaignId, JSON.stringify(counted.map((r) => [r.key, r.text ?? String(r.num), 1]))),
      db.prepare(env.COUNT_SUBMITTED).bind(responseId, campaignId),
      db.prepare(env.GROUP_ROLLUP_SQL).bind(responseId),
      // The respondent's audit row (issue 13), with its address and the address's salt, as the app writes it.
      db.prepare(env.AUDIT_SUBMITTED).bind(responseId, now, ip, ip === null ? null : crypto.randomUUID()),
      db.prepare(env.MARK_SUBMITTED).bind(responseId, now),
      db.prepare(env.ROUND_ASKER).bind(campaignId),
    ];
    // Nothing stored (a second submission for the link, a closed round): 409, as the app answers.
    const [response] = await db.batch(statements);
    // D1 counts the rows triggers write too (figure_version's, issue 20): 0 is "not stored", as in the app.
    if (!(response.meta.changes > 0)) return new Response('not stored', { status: 409 });
    return new Response('ok', { headers: { 'content-type': 'text/plain' } });
  },
};
