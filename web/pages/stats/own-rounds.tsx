// The officer's own survey figures (issue 14): closed rounds only, frozen, 满意率 and per-item scores in
// whole numbers, 统计中 until the round's snapshot exists, 样本不足 under k — never a count, an n or an
// option's share. Rounds are named only when an admin marked them shareable.
import { inLang } from '../../../schema/form-definition';
import { chinaDate } from '../../../schema/rules/china-time';
import type { SatisfactionScale } from '../../../schema/rules/satisfaction';
import type { OwnRound } from '../../../worker/stats/own-rounds';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import { ScaleNote, Section, satisfiedLabel } from './parts';

export function OwnRoundsSection({ rounds, scale, k }: { rounds: OwnRound[]; scale: SatisfactionScale; k: number }) {
  const { t, lang } = usePage();
  const label = (r: OwnRound, i: number) => r.name ?? t('stats.mine.round', { n: i + 1, closed: chinaDate(r.closesAt) });
  const cell = (r: OwnRound) =>
    r.state === 'counting' ? (
      <span class="muted" data-state="counting">
        {t('stats.mine.counting')}
      </span>
    ) : r.state === 'suppressed' ? (
      <span class="muted" data-state="suppressed">
        {t('stats.suppressed')}
      </span>
    ) : (
      <strong data-state="shown">{`${r.rate}%`}</strong>
    );
  return (
    <Section title={t('stats.satisfactionByRound')} id="rounds">
      <p class="muted">{t('stats.ownRoundsNote', { k })}</p>
      <p>
        <ScaleNote scale={scale} />
      </p>
      {rounds.length === 0 ? (
        <p class="empty">{t('stats.mine.noClosedRound')}</p>
      ) : (
        <DataTable
          rows={rounds.map((r, i) => ({ ...r, label: label(r, i) }))}
          columns={[
            { label: t('stats.round'), render: (r) => r.label },
            { label: satisfiedLabel(t, scale), render: cell },
          ]}
        />
      )}
      {rounds
        .map((r, i) => ({ r, label: label(r, i) }))
        .filter(({ r }) => r.state === 'shown' && r.items.length > 0)
        .map(({ r, label: name }) => (
          <DataTable
            caption={t('stats.mine.scores', { round: name })}
            rows={r.items}
            columns={[
              { label: t('stats.item'), render: (i) => inLang(i.item.title, lang) },
              { label: t('stats.score'), render: (i) => String(i.score) },
            ]}
          />
        ))}
    </Section>
  );
}
