ALTER TABLE `users` ADD `scope_chain_id` text REFERENCES chains(id);--> statement-breakpoint
ALTER TABLE `users` ADD `scope_region` text;