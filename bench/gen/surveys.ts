// Survey rounds (调查批次) with their personal links and answers, and the rollups the submission batch
// keeps (option_counts, campaign_counters), computed from the very rows written — so a recompute
// (worker/stats/recompute.ts) must find them already right. Link tokens are HMAC(LINK_SECRET,
// invitation id) exactly as worker/surveys/link-token.ts derives them; only their SHA-256 is stored.
import { createHash, createHmac } from 'node:crypto';
import { validateAnswers } from '../../schema/answers.ts';
import { csvCells } from '../../worker/exports/response-cells.ts';
import { rng } from '../lib/prng.ts';
import { answerValues, rollupKeys, rollupOption } from './answers.ts';
import { chinaMs, type Org, PROGRAMME } from './org.ts';
import type { BulkWriter } from './sqlite.ts';

export type RoundPlan = {
  rounds: number;
  /** Share of invitations opened, and answered (answered ⊂ opened). */
  openRate: number;
  answerRate: number;
  /** Stop answering once this many answer rows exist (the last round is then still "in progress"). */
  maxAnswers: number;
  /** When the first round opens and how far apart they are (default: spread over the bench's programme). */
  first?: number;
  step?: number;
};
export type OpenLink = { campaignId: string; invitationId: string; token: string };

const DAY = 86_400_000;

export const linkToken = (secret: string, invitationId: string) =>
  createHmac('sha256', secret).update(invitationId).digest('base64url').slice(0, 24);
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function tables(w: BulkWriter) {
  return {
    campaigns: w.table('campaigns', [
      'id',
      'programme_id',
      'form_version_id',
      'name',
      'opens_at',
      'closes_at',
      'sampling',
      'seed',
      'created_by',
      'created_at',
    ]),
    counters: w.table('campaign_counters', ['campaign_id', 'invited', 'opened', 'submitted']),
    invitations: w.table('invitations', [
      'id',
      'campaign_id',
      'enterprise_id',
      'token_hash',
      'stratum',
      'created_at',
      'opened_at',
      'submitted_at',
    ]),
    responses: w.table('responses', ['id', 'campaign_id', 'invitation_id', 'form_version_id', 'submitted_at', 'client_meta', 'csv_cells']),
    answers: w.table('answers', ['response_id', 'campaign_id', 'question_key', 'num_value', 'text_value']),
    options: w.table('option_counts', ['campaign_id', 'question_key', 'option', 'count']),
  };
}

/** Past rounds over every paired enterprise, spread evenly over the programme, answered as people answer. */
export function writeRounds(w: BulkWriter, seed: string, org: Org, secret: string, plan: RoundPlan) {
  const r = rng(`${seed}/rounds`);
  const t = tables(w);
  const counted = rollupKeys(org.definition);
  const first = plan.first ?? chinaMs(PROGRAMME.starts, 9) + 5 * DAY;
  const step = plan.step ?? Math.max(1, Math.min(28, Math.floor(640 / Math.max(1, plan.rounds)))) * DAY;
  let answers = 0;
  let responses = 0;
  const campaignIds: string[] = [];
  for (let n = 0; n < plan.rounds && answers < plan.maxAnswers; n++) {
    const id = r.uuid();
    campaignIds.push(id);
    const opensAt = first + n * step;
    const closesAt = opensAt + 14 * DAY;
    t.campaigns.push([
      id,
      org.programmeId,
      org.formVersionId,
      `帮扶满意度调查 第${n + 1}期`,
      opensAt,
      closesAt,
      JSON.stringify({ mode: 'all', stratify: 'unit' }),
      `bench-${n + 1}`,
      org.adminId,
      opensAt - DAY,
    ]);
    const counts = new Map<string, number>();
    let opened = 0;
    let submitted = 0;
    for (const e of org.enterprises) {
      const invitationId = r.uuid();
      const openedAt = r.chance(plan.openRate) ? opensAt + r.int(10 * DAY) : null;
      const answering = openedAt !== null && answers < plan.maxAnswers && r.chance(plan.answerRate / plan.openRate);
      const submittedAt = answering ? openedAt + 60_000 + r.int(540_000) : null;
      t.invitations.push([
        invitationId,
        id,
        e.id,
        tokenHash(linkToken(secret, invitationId)),
        e.unitId,
        opensAt - DAY,
        openedAt,
        submittedAt,
      ]);
      if (openedAt !== null) opened++;
      if (submittedAt === null || openedAt === null) continue;
      // The app's own validation turns form values into answer rows (DESIGN §3: one row per value).
      const result = validateAnswers(org.definition, answerValues(r), 'form');
      if (!result.ok) throw new Error(`generated answers are invalid: ${JSON.stringify(result.errors)}`);
      const responseId = r.uuid();
      const meta = {
        via: 'form',
        js: r.chance(0.85),
        ua: r.weighted(['wechat', 'mobile', 'desktop'], [70, 20, 10]),
        seconds: Math.round((submittedAt - openedAt) / 1000),
      };
      // csv_cells as the submission batch writes them (worker/surveys/answer.queries.ts submitStatements).
      const cells = csvCells(
        org.definition,
        result.rows.map((a) => [a.questionKey, a.numValue, a.textValue]),
      );
      t.responses.push([responseId, id, invitationId, org.formVersionId, submittedAt, JSON.stringify(meta), cells]);
      for (const row of result.rows) {
        t.answers.push([responseId, id, row.questionKey, row.numValue, row.textValue]);
        if (!counted(row.questionKey)) continue;
        const key = `${row.questionKey}\u0000${rollupOption(row)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      answers += result.rows.length;
      responses++;
      submitted++;
    }
    for (const [key, count] of counts) {
      const [questionKey, option] = key.split('\u0000') as [string, string];
      t.options.push([id, questionKey, option, count]);
    }
    t.counters.push([id, org.enterprises.length, opened, submitted]);
  }
  return { rounds: campaignIds.length, campaignIds, responses, answers };
}

/**
 * Rounds open now with every link unanswered, for the submission benchmark: one invitation per
 * enterprise per round, so `links` links take ⌈links / enterprises⌉ rounds. Returns the tokens.
 */
export function writeOpenRounds(w: BulkWriter, seed: string, org: Org, secret: string, links: number, now: number): OpenLink[] {
  const r = rng(`${seed}/open-rounds`);
  const t = tables(w);
  const out: OpenLink[] = [];
  for (let n = 0; out.length < links; n++) {
    const id = r.uuid();
    const count = Math.min(org.enterprises.length, links - out.length);
    t.campaigns.push([
      id,
      org.programmeId,
      org.formVersionId,
      `基准测试轮次 ${n + 1}`,
      now - DAY,
      now + 30 * DAY,
      JSON.stringify({ mode: 'all', stratify: 'none' }),
      `bench-open-${n + 1}`,
      org.adminId,
      now - DAY,
    ]);
    t.counters.push([id, count, 0, 0]);
    for (const e of org.enterprises.slice(0, count)) {
      const invitationId = r.uuid();
      const token = linkToken(secret, invitationId);
      t.invitations.push([invitationId, id, e.id, tokenHash(token), null, now - DAY, null, null]);
      out.push({ campaignId: id, invitationId, token });
    }
  }
  return out;
}
