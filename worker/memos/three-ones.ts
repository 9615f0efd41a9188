// 三个一 (DESIGN §1, §6): each month an officer must, for each paired enterprise, communicate at least
// once, visit on site at least once, and solve at least one problem (or record that the enterprise had
// no request). Pure functions over the month's counts, so the rule is unit-tested apart from SQL.

export type MonthCounts = {
  /** Memos of any mode this month (every 走访方式 is a contact). */
  contacts: number;
  /** Memos with mode 上门走访. */
  onsite: number;
  /** Problems closed this month (已办结, closedOn in the month; a reopened one no longer counts). */
  solved: number;
  /** Memos recording 企业无诉求. */
  noRequest: number;
};

export type ThreeOnes = { contact: boolean; onsite: boolean; solved: boolean; met: boolean };

export function threeOnes(c: MonthCounts): ThreeOnes {
  const contact = c.contacts > 0;
  const onsite = c.onsite > 0;
  const solved = c.solved > 0 || c.noRequest > 0;
  return { contact, onsite, solved, met: contact && onsite && solved };
}
