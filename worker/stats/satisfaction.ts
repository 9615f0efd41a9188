// From rollup rows to figures: which questions are satisfaction items (every likert question and every
// matrix row of the round's form), their option counts summed over rounds, months or groups, and the
// k-rule. Work here is per round × item × option, never per response.
import { allQuestions, type Localized } from '../../schema/form-definition';
import { readDefinitionJson } from '../../schema/form-json';
import { roundRates } from '../../schema/rules/figures';
import { type OptionCounts, type Satisfaction, satisfaction } from '../../schema/rules/satisfaction';
import { remember } from '../lib/isolate-cache';
import type { StatsConfig } from './config';
import type { GroupOptionRow, GroupResponsesRow, OptionRow, RoundRow, SurveyRollups, VersionRow } from './survey.queries';

export type ItemDef = { key: string; title: Localized };

// A round's form version is published, so it never changes: each isolate parses it once, not on every
// dashboard request (zod over the whole definition was a tenth of the round page's CPU).
const parsed = new Map<string, ReturnType<typeof readDefinitionJson>>();
/** The form of a version the rollups were counted for. */
export function versionDefinition(v: VersionRow) {
  return parsed.get(v.id) ?? remember(parsed, v.id, readDefinitionJson(v.definition));
}

/** The likert items of the forms used, in form order (a matrix row is the item `question.row`). */
export function likertItems(versions: readonly VersionRow[]): ItemDef[] {
  const items = new Map<string, ItemDef>();
  for (const v of versions) {
    const form = versionDefinition(v);
    if (!form.ok) continue;
    for (const q of allQuestions(form.definition)) {
      if (q.type === 'likert' && !items.has(q.key)) items.set(q.key, { key: q.key, title: q.title });
      if (q.type !== 'matrix') continue;
      for (const row of q.rows) {
        const key = `${q.key}.${row.key}`;
        const title = { zh: `${q.title.zh} · ${row.label.zh}`, en: `${q.title.en || q.title.zh} · ${row.label.en || row.label.zh}` };
        if (!items.has(key)) items.set(key, { key, title });
      }
    }
  }
  return [...items.values()];
}

/** Adds option rows up per item, for the items given (other questions' rows are ignored). */
export function sumByItem(items: readonly ItemDef[], rows: Iterable<{ questionKey: string; option: string; count: number }>) {
  const sums = new Map<string, Record<string, number>>(items.map((i) => [i.key, {}]));
  for (const r of rows) {
    const item = sums.get(r.questionKey);
    if (item) item[r.option] = (item[r.option] ?? 0) + r.count;
  }
  return [...sums] as [string, OptionCounts][];
}

export type RoundFigures = RoundRow & ReturnType<typeof roundRates> & { satisfaction: Satisfaction };

export function roundFigures(data: SurveyRollups, items: readonly ItemDef[], cfg: StatsConfig): RoundFigures[] {
  const byRound = new Map<string, OptionRow[]>();
  for (const o of data.options) byRound.set(o.campaignId, [...(byRound.get(o.campaignId) ?? []), o]);
  return data.rounds.map((r) => ({
    ...r,
    ...roundRates(r),
    satisfaction: satisfaction(r.submitted, sumByItem(items, byRound.get(r.id) ?? []), cfg),
  }));
}

/** All rounds of the scope together. */
export function overallSatisfaction(data: SurveyRollups, items: readonly ItemDef[], cfg: StatsConfig): Satisfaction {
  const responses = data.rounds.reduce((n, r) => n + r.submitted, 0);
  return satisfaction(responses, sumByItem(items, data.options), cfg);
}

export type GroupSatisfaction = { key: string | null; label: string | null; satisfaction: Satisfaction };

/** Per group figures from satisfactionGroups(); groups under k come back suppressed, never dropped. */
export function groupSatisfaction(
  data: { options: GroupOptionRow[]; responses: GroupResponsesRow[] },
  items: readonly ItemDef[],
  cfg: StatsConfig,
): GroupSatisfaction[] {
  return data.responses
    .map((g) => {
      const rows = data.options.filter((o) => o.grp === g.grp).map((o) => ({ ...o, count: o.n }));
      return { key: g.grp, label: g.label, satisfaction: satisfaction(g.responses, sumByItem(items, rows), cfg) };
    })
    .sort((a, b) => b.satisfaction.responses - a.satisfaction.responses);
}
