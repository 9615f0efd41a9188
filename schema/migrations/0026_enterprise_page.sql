-- Issue 16, the enterprise's own page (我的诉求). Written by hand: drizzle-kit refuses to generate here
-- (two snapshots of this history point at the same parent), reviewed against schema/*.ts. Additive only.
CREATE TABLE `enterprise_links` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`issued_at` integer NOT NULL,
	`issued_by` text,
	`revoked_at` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enterprise_links_token_hash_unique` ON `enterprise_links` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `enterprise_links_live_uq` ON `enterprise_links` (`programme_id`,`enterprise_id`) WHERE revoked_at IS NULL;--> statement-breakpoint
ALTER TABLE `problems` ADD `follow_up_by` text;--> statement-breakpoint
ALTER TABLE `problems` ADD `contact` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `problem_events` ADD `for_enterprise` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `programmes` ADD `confirm_wait_days` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
-- 回访 recorded before issue 16 were all the officer's.
UPDATE `problems` SET `follow_up_by` = 'officer' WHERE `follow_up` IS NOT NULL;
