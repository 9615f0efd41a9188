CREATE TABLE `officer_snapshot_counts` (
	`campaign_id` text NOT NULL,
	`officer_id` text NOT NULL,
	`question_key` text NOT NULL,
	`option` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`officer_id`, `campaign_id`, `question_key`, `option`)
);
--> statement-breakpoint
CREATE TABLE `officer_snapshots` (
	`campaign_id` text NOT NULL,
	`officer_id` text NOT NULL,
	`responses` integer NOT NULL,
	`withheld` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`campaign_id`, `officer_id`)
);
--> statement-breakpoint
CREATE INDEX `officer_snapshots_officer_idx` ON `officer_snapshots` (`officer_id`,`campaign_id`);--> statement-breakpoint
CREATE TABLE `round_snapshots` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`taken_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `assignments_pair_uq`;--> statement-breakpoint
DROP INDEX `assignments_one_lead_uq`;--> statement-breakpoint
-- Pairings get dates (issue 14). SQLite needs a default to add a NOT NULL column; every existing row is
-- then given the China-time date it was created on (created_at is epoch ms; China is UTC+8 all year).
ALTER TABLE `assignments` ADD `starts_on` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `assignments` SET `starts_on` = date((`created_at` + 28800000) / 1000, 'unixepoch');--> statement-breakpoint
ALTER TABLE `assignments` ADD `ends_on` text;--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_pair_uq` ON `assignments` (`programme_id`,`officer_id`,`enterprise_id`) WHERE ends_on IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_one_lead_uq` ON `assignments` (`programme_id`,`enterprise_id`) WHERE is_lead = 1 AND ends_on IS NULL;--> statement-breakpoint
ALTER TABLE `programmes` ADD `satisfaction_scale` text DEFAULT 'top2' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `shareable` integer DEFAULT false NOT NULL;