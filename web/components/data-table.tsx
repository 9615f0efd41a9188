import type { ComponentChildren } from 'preact';
import { usePage } from '../context';

export type Column<R> = { label: string; render: (row: R) => ComponentChildren; class?: string };

/**
 * The box a wide table scrolls sideways in on a phone. It takes the keyboard focus, so the table's
 * hidden columns can be scrolled to without a mouse (WCAG 2.1.1; axe scrollable-region-focusable);
 * a region named after the table's caption, so a screen reader says what took the focus.
 */
export function TableScroll({ label, children }: { label?: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must take the focus to be scrolled by keyboard
    <section class="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

/**
 * A list page's table: header row, one row per record, an empty message. Scrolls sideways on phones;
 * with `cards` (the pages an officer reads on a phone, issue 22) each row is drawn as a card below 700 px
 * instead, every cell led by its column's name from `data-label` (web/styles/app.css); the markup stays
 * one table, so screen readers keep the headers.
 */
export function DataTable<R>({ columns, rows, caption, cards }: { columns: Column<R>[]; rows: R[]; caption?: string; cards?: boolean }) {
  const { t } = usePage();
  if (rows.length === 0) return <p class="empty">{t('list.empty')}</p>;
  return (
    <TableScroll label={caption}>
      <table class={cards ? 'as-cards' : undefined}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.class}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              {columns.map((c) => (
                <td class={c.class} data-label={cards ? c.label : undefined}>
                  {c.render(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Previous/next links that keep the other query parameters (search terms, filters). */
export function Pager({ page, hasNext, total, query }: { page: number; hasNext: boolean; total: number; query: Record<string, string> }) {
  const { t } = usePage();
  const href = (p: number) => `?${new URLSearchParams({ ...query, page: String(p) }).toString()}`;
  return (
    <nav class="pager" aria-label={t('list.page', { page })}>
      <span>{t('list.total', { n: total })}</span>
      {page > 1 && <a href={href(page - 1)}>{t('list.prev')}</a>}
      <span>{t('list.page', { page })}</span>
      {hasNext && <a href={href(page + 1)}>{t('list.next')}</a>}
    </nav>
  );
}

/** A search box that submits with GET, so results are bookmarkable and work without JavaScript. */
export function SearchBox({ q, label, children }: { q: string; label: string; children?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <form method="get" class="search">
      <label for="q">{label}</label>
      <input id="q" name="q" type="search" value={q} maxLength={100} />
      {children}
      <button type="submit">{t('action.search')}</button>
    </form>
  );
}

/** A select beside the search box that narrows a list (by chain, unit, programme); `all` adds a blank choice. */
export function FilterSelect({
  name,
  label,
  value,
  options,
  all,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  all?: string;
}) {
  return (
    <>
      <label for={name}>{label}</label>
      <select id={name} name={name}>
        {all !== undefined && <option value="">{all}</option>}
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}
