// Links between the statistics pages and the ledger: the filters a figure was computed under.
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
