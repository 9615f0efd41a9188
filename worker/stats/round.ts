// One survey round's page: counters, satisfaction by item, the other choice questions' distributions
// and the round by unit. Everything but the last comes from the rollups.
import { allQuestions, type Localized } from '../../schema/form-definition';
import { readDefinitionJson } from '../../schema/form-json';
import type { Db } from '../app-env';
import type { StatsConfig } from './config';
import type { Scope } from './period';
import {
  type GroupSatisfaction,
  groupSatisfaction,
  type ItemDef,
  likertItems,
  type RoundFigures,
  roundFigures,
  versionDefinition,
} from './satisfaction';
import { satisfactionGroups, surveyRollups } from './survey.queries';

export type ChoiceTable = {
  key: string;
  title: Localized;
  /** null counts: the round has fewer than k responses (same rule as satisfaction). */
  rows: { label: Localized; count: number | null }[];
};

export type RoundView = { round: RoundFigures; items: ItemDef[]; choices: ChoiceTable[]; byUnit: GroupSatisfaction[] };

const L = (zh: string, en = zh): Localized => ({ zh, en });

/** The options of a countable question other than the likert items, as the rollup names them. */
function optionsOf(q: ReturnType<typeof allQuestions>[number]): { value: string; label: Localized }[] {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return q.options.map((o) => ({ value: o.value, label: o.label }));
    case 'yesno':
      return [
        { value: '1', label: L('是', 'Yes') },
        { value: '0', label: L('否', 'No') },
      ];
    case 'rating':
      return Array.from({ length: 11 }, (_, i) => ({ value: String(10 - i), label: L(String(10 - i)) }));
    default:
      return [];
  }
}

export async function roundView(db: Db, scope: Scope & { campaignId: string }, cfg: StatsConfig): Promise<RoundView | null> {
  const data = await surveyRollups(db, scope);
  const items = likertItems(data.versions);
  const [round] = roundFigures(data, items, cfg);
  if (!round) return null;
  const byUnit = groupSatisfaction(
    await satisfactionGroups(
      db,
      scope,
      'unit',
      items.map((i) => i.key),
    ),
    items,
    cfg,
  );
  const version = data.versions[0];
  const parsed = version ? versionDefinition(version) : readDefinitionJson('');
  const hidden = round.satisfaction.suppressed;
  const choices = (parsed.ok ? allQuestions(parsed.definition) : [])
    .map((q) => ({ q, options: optionsOf(q) }))
    .filter((c) => c.options.length > 0)
    .map(({ q, options }) => ({
      key: q.key,
      title: q.title,
      rows: options.map((o) => ({
        label: o.label,
        count: hidden ? null : (data.options.find((r) => r.questionKey === q.key && r.option === o.value)?.count ?? 0),
      })),
    }));
  return { round, items, choices, byUnit };
}
