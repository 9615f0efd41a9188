CREATE TABLE `audit_anchors` (
	`day` text PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL,
	`hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `ip_salt` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `ip_digest` text;--> statement-breakpoint
CREATE INDEX `audit_log_unchained_idx` ON `audit_log` (`id`) WHERE hash IS NULL;--> statement-breakpoint
ALTER TABLE `programmes` ADD `privacy_notice` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `programmes` ADD `retention_months` integer;