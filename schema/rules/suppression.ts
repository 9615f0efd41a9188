// Complementary suppression (issue 14, DESIGN §6) for every table of figures that leaves the programme
// office: the officer's page, the work report and its tables, any export a non-admin reaches, and later the
// unit handler's pages and the leaders' dashboards. Suppressing the small groups alone is not enough: when
// one group of a table is hidden and the total is shown, the total minus the other groups is the hidden
// group, answers and all. So further groups are hidden, smallest first, until the hidden ones together hold
// at least k (their sum is then a group of k like any other), and when no group is left to hide, the total
// goes instead. Admin dashboards do not use this: admins read the answers themselves, so they see every
// group with its 样本不足 mark.
//
// The groups of one call must split the total between them (a partition: each answer in exactly one
// group) — add a group for what no named group holds (e.g. 未指定单位) rather than leave it to the
// difference. test/integration/suppression.test.ts checks, on fixture data, that no hidden group's counts
// lie in the span of the figures the officer page, the report and its tables show. Pure.

export type Suppression = {
  /** Per group, in the order given: whether its figures are hidden. */
  hidden: boolean[];
  /** Whether it was hidden for being under k itself (样本不足), not to protect another group. */
  small: boolean[];
  /** Whether the table's total may be shown beside the shown groups. */
  total: boolean;
};

/**
 * Which groups of a table to hide. `n` is what the k-rule counts for each group (responses, valid
 * answers, checked claims); a group of 0 has nothing to protect. `withTotal`: the table also shows a total
 * (or one can be added up elsewhere from the same figures).
 */
export function suppress(groups: readonly { n: number }[], k: number, withTotal = true): Suppression {
  const small = groups.map((g) => g.n > 0 && g.n < k);
  const hidden = [...small];
  const hiddenSum = () => groups.reduce((s, g, i) => s + (hidden[i] ? g.n : 0), 0);
  if (!withTotal || !hidden.some(Boolean)) return { hidden, small, total: withTotal };
  // Smallest shown groups first: the least lost to protect the hidden ones.
  const order = groups
    .map((g, i) => ({ n: g.n, i }))
    .filter(({ n, i }) => n > 0 && !hidden[i])
    .sort((a, b) => a.n - b.n || a.i - b.i);
  for (const { i } of order) {
    if (hiddenSum() >= k) break;
    hidden[i] = true;
  }
  return { hidden, small, total: hiddenSum() >= k };
}

/** The groups of a table with their suppression applied: each group with `hidden` and `small`, and the total's. */
export function suppressTable<G extends { n: number }>(
  groups: readonly G[],
  k: number,
  withTotal = true,
): { groups: (G & { hidden: boolean; small: boolean })[]; total: boolean } {
  const s = suppress(groups, k, withTotal);
  return { groups: groups.map((g, i) => ({ ...g, hidden: s.hidden[i] ?? false, small: s.small[i] ?? false })), total: s.total };
}
