CREATE TABLE `memo_photos` (
	`key` text PRIMARY KEY NOT NULL,
	`memo_id` text NOT NULL,
	`position` integer NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`memo_id`) REFERENCES `memos`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memo_photos_memo_position_uq` ON `memo_photos` (`memo_id`,`position`);--> statement-breakpoint
CREATE TABLE `memo_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`memo_id` text NOT NULL,
	`at` integer NOT NULL,
	`editor_id` text NOT NULL,
	`kind` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`memo_id`) REFERENCES `memos`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`editor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `memo_revisions_memo_idx` ON `memo_revisions` (`memo_id`,`at`);