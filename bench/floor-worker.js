// The floor of the submission benchmark: a Worker that does nothing but the D1 writes of one survey
// submission — the same statements, in one batch, as worker/surveys/answer.queries.ts submitStatements
// (response, answers in chunks of 20 rows, option_counts upserts, the round's counter, the invitation's
// submitted_at). No routing, link lookup, validation or page rendering: the app's throughput divided by
// this one is the share the app keeps of what D1 itself allows (DESIGN §8 asks ≥ 0.8).
// The bench sends it the same requests as the app, except that the cookie carries the invitation id.

/** Free-text questions of 《帮扶满意度调查表》: stored as answers, never counted in option_counts. */
const FREE_TEXT = new Set(['reason', 'suggestions']);

const chunk = (list, size) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

export default {
  async fetch(request, env) {
    // GET: nothing at all — the round trip of an empty Worker, the baseline of the dashboard timings.
    if (request.method === 'GET') return new Response('floor');
    const campaignId = new URL(request.url).searchParams.get('round');
    const invitationId = /(?:^|;\s*)__Host-sv=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
    if (request.method !== 'POST' || !campaignId || !invitationId) return new Response('bad request', { status: 400 });
    const now = Date.now();
    const responseId = crypto.randomUUID();
    const rows = [];
    for (const [key, value] of new URLSearchParams(await request.text())) {
      const num = /^[1-5]$/.test(value) ? Number(value) : value === 'yes' ? 1 : value === 'no' ? 0 : null;
      rows.push({ key, num, text: num === null ? value : null });
    }
    const counted = rows.filter((r) => !FREE_TEXT.has(r.key));
    const db = env.DB;
    const statements = [
      db
        .prepare(
          'INSERT INTO responses (id, campaign_id, invitation_id, form_version_id, submitted_at, client_meta) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .bind(responseId, campaignId, invitationId, env.FORM_VERSION_ID, now, '{"via":"form","js":false,"ua":"unknown","seconds":null}'),
      ...chunk(rows, 20).map((part) =>
        db
          .prepare(
            `INSERT INTO answers (response_id, campaign_id, question_key, num_value, text_value) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
          )
          .bind(...part.flatMap((r) => [responseId, campaignId, r.key, r.num, r.text])),
      ),
      ...chunk(counted, 25).map((part) =>
        db
          .prepare(
            `INSERT INTO option_counts (campaign_id, question_key, option, count) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')}
             ON CONFLICT (campaign_id, question_key, option) DO UPDATE SET count = count + excluded.count`,
          )
          .bind(...part.flatMap((r) => [campaignId, r.key, r.text ?? String(r.num), 1])),
      ),
      db.prepare('UPDATE campaign_counters SET submitted = submitted + 1 WHERE campaign_id = ?').bind(campaignId),
      db.prepare('UPDATE invitations SET submitted_at = ? WHERE id = ?').bind(now, invitationId),
    ];
    try {
      await db.batch(statements);
    } catch (err) {
      // A second submission for the link: the UNIQUE invitation_id refuses it, as in the app.
      if (/UNIQUE/.test(String(err?.message ?? err))) return new Response('already answered', { status: 409 });
      throw err;
    }
    return new Response('ok', { headers: { 'content-type': 'text/plain' } });
  },
};
