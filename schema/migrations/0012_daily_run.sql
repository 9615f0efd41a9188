CREATE TABLE `daily_runs` (
	`day` text NOT NULL,
	`job` text NOT NULL,
	`runs` integer DEFAULT 0 NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`status` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`day`, `job`)
);
--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
