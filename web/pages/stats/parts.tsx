// Building blocks of the statistics pages: a rate with its n and interval, suppressed figures, the
// filter form, and the headline tiles.
import type { ComponentChildren } from 'preact';
import { interval, pct, type Rate, rate } from '../../../schema/rules/figures';
import type { SatisfactionScale } from '../../../schema/rules/satisfaction';
import type { ActivityGroup } from '../../../worker/stats/activity.queries';
import { usePage } from '../../context';
import type { MessageKey, Translate } from '../../i18n';

/** A rate with n and its Wilson 95 % interval under it; a dash when there is nothing to divide by. */
export function RateText({ rate, href }: { rate: Rate; href?: string }) {
  const { t } = usePage();
  if (rate.value === null) return <span class="muted">—</span>;
  const value = <strong>{pct(rate.value)}</strong>;
  return (
    <span class="rate">
      {href ? <a href={href}>{value}</a> : value}
      <br />
      <small class="muted">{t('stats.rateDetail', { k: rate.k, n: rate.n, ci: interval(rate) })}</small>
    </span>
  );
}

/** 样本不足: shown in place of a satisfaction figure over fewer than k responses (DESIGN §6). */
export function Suppressed({ n, help = 'stats.suppressedHelp' }: { n: number; help?: MessageKey }) {
  const { t } = usePage();
  return (
    <span class="muted" data-suppressed="true" title={t(help)}>
      {t('stats.suppressed')} <small>(n={n})</small>
    </span>
  );
}

/** The 口径 of 满意率 (issue 14), printed under every satisfaction rate: 两档 or 三档, with what each counts. */
export function ScaleNote({ scale }: { scale: SatisfactionScale }) {
  const { t } = usePage();
  return (
    <small class="muted scale" data-scale={scale}>
      {t('stats.scaleNote', { scale: t(`stats.scale.${scale}`) })}
    </small>
  );
}

/** 满意率 with its 口径 in short, for column headers: 满意率（两档）. */
export const satisfiedLabel = (t: Translate, scale: SatisfactionScale) => t('stats.satisfiedBy', { scale: t(`stats.scaleShort.${scale}`) });

export type Filter = { programmes: { id: string; name: string }[]; programmeId: string; from: string; to: string };

/** GET form: bookmarkable, and works without JavaScript. */
export function FilterForm({ filter, hidden = {} }: { filter: Filter; hidden?: Record<string, string> }) {
  const { t } = usePage();
  return (
    <form method="get" class="search">
      <label for="f-programme">{t('stats.programme')}</label>
      <select id="f-programme" name="programme">
        {filter.programmes.map((p) => (
          <option value={p.id} selected={p.id === filter.programmeId}>
            {p.name}
          </option>
        ))}
      </select>
      <label for="f-from">{t('stats.from')}</label>
      <input id="f-from" name="from" type="date" value={filter.from} />
      <label for="f-to">{t('stats.to')}</label>
      <input id="f-to" name="to" type="date" value={filter.to} />
      {Object.entries(hidden).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit">{t('stats.apply')}</button>
    </form>
  );
}

/** A headline figure: a label, the value (a link to the rows behind it when there are rows), a note. */
export function Tile({ label, children, note }: { label: string; children: ComponentChildren; note?: ComponentChildren }) {
  return (
    <li class="card" data-figure={label}>
      <div class="muted">{label}</div>
      <div class="figure">{children}</div>
      {note && <small class="muted">{note}</small>}
    </li>
  );
}

export const Tiles = ({ children }: { children: ComponentChildren }) => <ul class="tiles">{children}</ul>;

/**
 * The visit tiles every statistics page opens with: 帮扶企业, (走访企业 where the page has it), 走访家次,
 * 上门走访 and the 三个一 rate. A fragment, to sit inside <Tiles> with the page's other figures.
 */
export function ActivityTiles({ activity, contacted = false }: { activity: ActivityGroup; contacted?: boolean }) {
  const { t } = usePage();
  return (
    <>
      <Tile label={t('stats.paired')}>{activity.paired}</Tile>
      {contacted && <Tile label={t('stats.contacted')}>{activity.enterprises}</Tile>}
      <Tile label={t('stats.contacts')}>{activity.contacts}</Tile>
      <Tile label={t('stats.onsite')}>{activity.onsite}</Tile>
      <Tile label={t('stats.threeOnes')}>
        <RateText rate={rate(activity.met, activity.pairs)} />
      </Tile>
    </>
  );
}

export function Section({ title, id, children }: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="card">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The tabs of the statistics pages, keeping the filters: plain links, the current one marked (no script).
 * The overview leads; the detail pages behind it follow (issue 19).
 */
export function StatsNav({ query, current }: { query: string; current?: string }) {
  const { t } = usePage();
  const links: [string, string][] = [
    ['/admin/stats', t('stats.overview')],
    ['/admin/stats/trend', t('overview.tab.trend')],
    ['/admin/stats/problems', t('overview.tab.problems')],
    ['/admin/stats/satisfaction', t('overview.tab.satisfaction')],
    ['/admin/stats/breakdown', t('stats.breakdowns')],
    ['/admin/stats/claims', t('claims.nav')],
    ['/admin/report', t('report.title')],
    ['/admin/exports', t('export.title')],
    ['/admin/stats/recompute', t('stats.recompute')],
  ];
  return (
    <nav class="actions subnav" aria-label={t('stats.title')}>
      {links.map(([href, label]) => (
        <a href={`${href}?${query}`} aria-current={href === current ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}
