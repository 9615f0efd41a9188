// Every trigger that keeps a rollup, as generated from the rollup definitions today: problem_counts
// (problem-rollup.ts), the coverage and 三个一 tables (activity-triggers.ts) and the moves of the
// satisfaction groups (group-rollup.ts); and, in databaseTriggers, those raising figure_version. A migration brings
// them to D1 (scripts/rollup-migration.ts prints one); test/integration/rollup-triggers.test.ts fails
// when the migrated database holds any other trigger text. Node runs this file: imports with '.ts'.
import { activityRollupTriggers, RETIRED_ACTIVITY_TRIGGERS } from './activity-triggers.ts';
import { figureVersionTriggers } from './figure-sources.ts';
import { groupRollupTriggers } from './group-rollup.ts';
import { problemRollupTriggers } from './problem-rollup.ts';
import type { Trigger } from './rollup-sql.ts';

export const rollupTriggers = (): Trigger[] => [...problemRollupTriggers(), ...activityRollupTriggers(), ...groupRollupTriggers()];

/** Every trigger of the database: the rollups' and those raising the figures' version (figure-sources.ts, issue 20). */
export const databaseTriggers = (): Trigger[] => [...rollupTriggers(), ...figureVersionTriggers()];

/** Names earlier migrations used that no definition makes any more: a new migration drops these too. */
export const RETIRED_TRIGGERS: readonly string[] = RETIRED_ACTIVITY_TRIGGERS;
