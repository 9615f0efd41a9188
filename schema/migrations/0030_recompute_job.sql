CREATE TABLE `recompute_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL,
	`started_by` text,
	`total` integer NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`last_step_at` integer,
	`last_step_ms` integer,
	`longest_step_ms` integer,
	`longest_step` text,
	`finished_at` integer
);
--> statement-breakpoint
CREATE TABLE `recompute_steps` (
	`job_id` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`done_at` integer,
	`ms` integer,
	PRIMARY KEY(`job_id`, `seq`)
);
