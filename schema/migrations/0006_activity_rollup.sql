CREATE TABLE `activity_counts` (
	`programme_id` text NOT NULL,
	`dimension` text NOT NULL,
	`month` text NOT NULL,
	`group_key` text NOT NULL,
	`contacts` integer DEFAULT 0 NOT NULL,
	`onsite` integer DEFAULT 0 NOT NULL,
	`met` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`programme_id`, `dimension`, `month`, `group_key`)
);
--> statement-breakpoint
CREATE TABLE `activity_pair_months` (
	`programme_id` text NOT NULL,
	`officer_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`month` text NOT NULL,
	`memos` integer DEFAULT 0 NOT NULL,
	`onsite` integer DEFAULT 0 NOT NULL,
	`no_request` integer DEFAULT 0 NOT NULL,
	`solved` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`programme_id`, `officer_id`, `enterprise_id`, `month`)
);
--> statement-breakpoint
CREATE INDEX `activity_pair_months_enterprise_idx` ON `activity_pair_months` (`programme_id`,`enterprise_id`,`month`);--> statement-breakpoint
CREATE TABLE `activity_reach` (
	`programme_id` text NOT NULL,
	`dimension` text NOT NULL,
	`month` text NOT NULL,
	`group_key` text NOT NULL,
	`prev` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`programme_id`, `dimension`, `month`, `group_key`, `prev`)
);
--> statement-breakpoint
CREATE INDEX `memos_programme_date_people_idx` ON `memos` (`programme_id`,`visit_date`,`officer_id`,`enterprise_id`,`mode`);