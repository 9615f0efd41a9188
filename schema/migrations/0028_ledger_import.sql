ALTER TABLE `problems` ADD `import_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `problems_import_key_uq` ON `problems` (`programme_id`,`import_key`);