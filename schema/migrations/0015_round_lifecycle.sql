CREATE TABLE `reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`invitation_id` text NOT NULL,
	`at` integer NOT NULL,
	`by` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reminders_campaign_invitation_idx` ON `reminders` (`campaign_id`,`invitation_id`,`at`);--> statement-breakpoint
ALTER TABLE `programmes` ADD `issuing_office` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `programmes` ADD `help_phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `status` text DEFAULT 'launched' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `seed_count` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `drawn_at` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `launched_at` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `voided_at` integer;--> statement-breakpoint
-- Rounds made before the lifecycle had gone out when they were made (written by hand, reviewed).
UPDATE `campaigns` SET `drawn_at` = `created_at`, `launched_at` = `created_at`;--> statement-breakpoint
-- Names become unique per programme: an older duplicate keeps its name with its id's first characters added.
UPDATE `campaigns` SET `name` = `name` || '（' || substr(`id`, 1, 8) || '）'
  WHERE `rowid` NOT IN (SELECT min(`rowid`) FROM `campaigns` GROUP BY `programme_id`, `name`);--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_programme_name_uq` ON `campaigns` (`programme_id`,`name`) WHERE status <> 'void';--> statement-breakpoint
CREATE INDEX `problems_awaiting_strike_off_idx` ON `problems` (`programme_id`) WHERE status = 'closed' AND struck_off = 0 AND follow_up IN ('satisfied', 'basically');