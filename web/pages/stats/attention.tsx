// 需要关注 on the overview (issue 19): four short ranked lists (worker/stats/attention.ts), each entry a
// link to the rows behind it — the ledger filtered, a unit's or officer's page, a round's page.
import type { ComponentChildren } from 'preact';
import { inLang } from '../../../schema/form-definition';
import { pct, rateText } from '../../../schema/rules/figures';
import type { Attention, BelowLine } from '../../../worker/stats/attention';
import type { Overview } from '../../../worker/stats/dashboard';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';
import { ledgerHref } from './links';
import { Section } from './parts';

function List({ id, title, children, more }: { id: string; title: string; children: ComponentChildren[]; more?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <div class="attention-list">
      <h3 id={id}>{title}</h3>
      {children.length ? <ol aria-labelledby={id}>{children}</ol> : <p class="muted">{t('overview.none')}</p>}
      {more}
    </div>
  );
}

export function AttentionSection({ attention: a, data, query }: { attention: Attention; data: Overview; query: string }) {
  const { t, lang } = usePage();
  const itemTitle = new Map(data.survey.items.map((i) => [i.key, inLang(i.title, lang)]));
  const line = pct(a.line.value);
  const below = (rows: BelowLine[], path: string, title: MessageKey) => (
    <List id={`attention-${path}`} title={t(title, { line })}>
      {rows.map((r) => (
        <li>
          {r.group.key ? <a href={`/admin/stats/${path}/${r.group.key}?${query}`}>{r.group.label}</a> : t('stats.noUnit')}{' '}
          {rateText(r.threeOnes)}
        </li>
      ))}
    </List>
  );
  return (
    <Section title={t('overview.attention')} id="attention">
      <p class="muted">{t('overview.attentionNote', { n: a.cap })}</p>
      <div class="attention">
        <List
          id="attention-overdue"
          title={t('overview.overdueUnits')}
          more={<a href={ledgerHref({ overdue: '1' })}>{t('overview.allOverdue')}</a>}
        >
          {a.overdueUnits.map((g) => (
            <li>
              <a href={ledgerHref({ unit: g.key, overdue: '1' })}>{g.label ?? t('stats.noUnit')}</a>{' '}
              {t('overview.overdueCount', { n: g.overdue })}
            </li>
          ))}
        </List>
        <List id="attention-items" title={t('overview.lowItems')}>
          {a.lowItems.map((i) => (
            <li>
              <a href={`/admin/stats/satisfaction?${query}#items`}>{itemTitle.get(i.key) ?? i.key}</a> {rateText(i.satisfied)}
            </li>
          ))}
        </List>
        {below(a.unitsBelow, 'units', 'overview.unitsBelow')}
        {below(a.officersBelow, 'officers', 'overview.officersBelow')}
        <List id="attention-rounds" title={t('overview.lowRounds')}>
          {a.lowRounds.map((r) => (
            <li>
              <a href={`/admin/stats/rounds/${r.id}?${query}`}>{r.name}</a>{' '}
              {t('overview.responses', { rate: pct(r.responseRate.value), submitted: r.submitted, invited: r.invited })}
            </li>
          ))}
        </List>
      </div>
    </Section>
  );
}
