CREATE TABLE `problem_counts` (
	`programme_id` text NOT NULL,
	`dimension` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`group_key` text NOT NULL,
	`kind` text NOT NULL,
	`days` integer DEFAULT 0 NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`programme_id`, `dimension`, `grain`, `kind`, `period`, `group_key`, `days`)
);
