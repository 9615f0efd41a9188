// Number formatting shared by the dashboards, the report and the metric CSVs, so a figure reads the
// same everywhere: rates to one decimal place, scores to one decimal, days to one decimal.
import type { Rate } from '../../../worker/stats/metrics';

export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

export const one = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(1));

/** "82.1–97.7%": the Wilson 95 % interval of a rate. */
export const interval = (r: Rate): string =>
  r.low === null || r.high === null ? '' : `${(r.low * 100).toFixed(1)}–${(r.high * 100).toFixed(1)}%`;

/** The ledger page's filters (built by the problems feature): status, overdue, category, unit, officer, chain, enterprise, from, to. */
export function ledgerHref(filters: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `/problems?${s}` : '/problems';
}

/** The current filters as a query string, plus or minus some keys. */
export function withQuery(path: string, params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
