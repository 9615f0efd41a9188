// Shared bits of the server-rendered SVG charts. Colours are presentation attributes, not style
// attributes: the CSP (style-src 'self') forbids inline styles but not these.
export const PALETTE = ['#2f6fb3', '#e08a1e', '#3a9d5d', '#b8475a', '#7a5cb0'] as const;
export const INK = '#333';
export const GRID = '#ddd';

/** Cuts a label that would run into the bars; the full text stays in the row's <title>. */
export function clip(label: string, max: number): string {
  const chars = [...label];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : label;
}

/** Ids for aria-labelledby: charts may appear several times on a page, so the caller names them. */
export const chartIds = (id: string) => ({ title: `${id}-title`, desc: `${id}-desc` });
