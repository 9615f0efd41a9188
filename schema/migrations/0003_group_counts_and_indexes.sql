CREATE TABLE `group_counts` (
	`campaign_id` text NOT NULL,
	`dimension` text NOT NULL,
	`group_key` text NOT NULL,
	`question_key` text NOT NULL,
	`option` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `dimension`, `group_key`, `question_key`, `option`)
);
--> statement-breakpoint
CREATE INDEX `assignments_programme_enterprise_idx` ON `assignments` (`programme_id`,`enterprise_id`,`officer_id`,`is_lead`);--> statement-breakpoint
CREATE INDEX `answers_campaign_idx` ON `answers` (`campaign_id`);