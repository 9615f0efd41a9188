DROP INDEX `answers_campaign_question_idx`;--> statement-breakpoint
CREATE INDEX `answers_campaign_question_value_idx` ON `answers` (`campaign_id`,`question_key`,`num_value`,`text_value`);