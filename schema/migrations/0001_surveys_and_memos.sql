CREATE TABLE `answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`question_key` text NOT NULL,
	`num_value` real,
	`text_value` text,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `answers_response_idx` ON `answers` (`response_id`);--> statement-breakpoint
CREATE INDEX `answers_campaign_question_idx` ON `answers` (`campaign_id`,`question_key`);--> statement-breakpoint
CREATE TABLE `campaign_counters` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`invited` integer DEFAULT 0 NOT NULL,
	`opened` integer DEFAULT 0 NOT NULL,
	`submitted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`form_version_id` text NOT NULL,
	`name` text NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`sampling` text NOT NULL,
	`seed` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`form_version_id`) REFERENCES `form_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaigns_programme_idx` ON `campaigns` (`programme_id`,`opens_at`);--> statement-breakpoint
CREATE TABLE `form_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`form_id` text NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`form_id`) REFERENCES `forms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `form_versions_form_version_uq` ON `form_versions` (`form_id`,`version`);--> statement-breakpoint
CREATE TABLE `forms` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'survey' NOT NULL,
	`template` text,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`stratum` text,
	`created_at` integer NOT NULL,
	`opened_at` integer,
	`submitted_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_tokenHash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_campaign_enterprise_uq` ON `invitations` (`campaign_id`,`enterprise_id`);--> statement-breakpoint
CREATE INDEX `invitations_campaign_submitted_idx` ON `invitations` (`campaign_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `invitations_enterprise_idx` ON `invitations` (`enterprise_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `option_counts` (
	`campaign_id` text NOT NULL,
	`question_key` text NOT NULL,
	`option` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `question_key`, `option`)
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`invitation_id` text NOT NULL,
	`form_version_id` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`client_meta` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`form_version_id`) REFERENCES `form_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_invitationId_unique` ON `responses` (`invitation_id`);--> statement-breakpoint
CREATE INDEX `responses_campaign_submitted_idx` ON `responses` (`campaign_id`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `memos` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`officer_id` text NOT NULL,
	`visit_date` text NOT NULL,
	`mode` text NOT NULL,
	`participants` text DEFAULT '' NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_title` text DEFAULT '' NOT NULL,
	`business_situation` text DEFAULT '' NOT NULL,
	`policies_explained` text DEFAULT '' NOT NULL,
	`next_steps` text DEFAULT '' NOT NULL,
	`no_request` integer DEFAULT false NOT NULL,
	`extra_form_version_id` text,
	`extra` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`officer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `memos_enterprise_date_idx` ON `memos` (`enterprise_id`,`visit_date`);--> statement-breakpoint
CREATE INDEX `memos_officer_date_idx` ON `memos` (`officer_id`,`visit_date`);--> statement-breakpoint
CREATE INDEX `memos_programme_date_idx` ON `memos` (`programme_id`,`visit_date`);--> statement-breakpoint
CREATE TABLE `problem_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`problem_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`note` text DEFAULT '' NOT NULL,
	`data` text,
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `problem_events_problem_idx` ON `problem_events` (`problem_id`,`at`);--> statement-breakpoint
CREATE TABLE `problems` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`memo_id` text NOT NULL,
	`programme_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`officer_id` text NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`lead_unit_id` text,
	`support_unit_ids` text DEFAULT '[]' NOT NULL,
	`raised_on` text NOT NULL,
	`deadline` text,
	`extended_deadline` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`progress` text DEFAULT '' NOT NULL,
	`resolution` text DEFAULT '' NOT NULL,
	`unresolvable_reason` text DEFAULT '' NOT NULL,
	`solved_on_spot` integer DEFAULT false NOT NULL,
	`closed_on` text,
	`follow_up_on` text,
	`follow_up` text,
	`struck_off` integer DEFAULT false NOT NULL,
	`struck_off_on` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`memo_id`) REFERENCES `memos`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`officer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `problems_code_unique` ON `problems` (`code`);--> statement-breakpoint
CREATE INDEX `problems_enterprise_idx` ON `problems` (`enterprise_id`,`raised_on`);--> statement-breakpoint
CREATE INDEX `problems_officer_status_idx` ON `problems` (`officer_id`,`status`);--> statement-breakpoint
CREATE INDEX `problems_status_deadline_idx` ON `problems` (`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `problems_programme_raised_idx` ON `problems` (`programme_id`,`raised_on`);--> statement-breakpoint
CREATE INDEX `problems_category_idx` ON `problems` (`category`);--> statement-breakpoint
CREATE INDEX `problems_lead_unit_idx` ON `problems` (`lead_unit_id`);--> statement-breakpoint
CREATE INDEX `problems_memo_idx` ON `problems` (`memo_id`);