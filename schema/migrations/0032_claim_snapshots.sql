CREATE TABLE `claim_snapshots` (
	`campaign_id` text NOT NULL,
	`officer_id` text NOT NULL,
	`chain_id` text NOT NULL,
	`region` text NOT NULL,
	`checked` integer NOT NULL,
	`contradicted` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `officer_id`, `chain_id`, `region`)
);
--> statement-breakpoint
CREATE TABLE `claims_taken` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`taken_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
