CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `community` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`official_name` text,
	`kind` text NOT NULL,
	`households` integer,
	`population` integer,
	`space_area` real,
	`space_ownership` text,
	`has_service_hall` integer DEFAULT false NOT NULL,
	`function_rooms` text DEFAULT '[]' NOT NULL,
	`secretary_name` text,
	`director_name` text,
	`secretary_is_director` integer DEFAULT false NOT NULL,
	`deputy_secretary_name` text,
	`career_staff_count` integer,
	`party_worker_count` integer,
	`retired_at` text,
	`deleted_at` text,
	CONSTRAINT "community_code_ck" CHECK(length("community"."code") = 12),
	CONSTRAINT "community_nonneg_ck" CHECK(coalesce("community"."space_area", 0) >= 0 and coalesce("community"."households", 0) >= 0 and coalesce("community"."population", 0) >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `community_code_uq` ON `community` (`code`);--> statement-breakpoint
CREATE INDEX `community_seq_ix` ON `community` (`change_seq`);--> statement-breakpoint
CREATE TABLE `community_funding` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`community_id` integer NOT NULL,
	`year` integer NOT NULL,
	`office_funds` real NOT NULL,
	`party_funds` real NOT NULL,
	`note` text,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "community_funding_nonneg_ck" CHECK("community_funding"."office_funds" >= 0 and "community_funding"."party_funds" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `community_funding_year_uq` ON `community_funding` (`community_id`,`year`);--> statement-breakpoint
CREATE INDEX `community_funding_seq_ix` ON `community_funding` (`change_seq`);--> statement-breakpoint
CREATE TABLE `grid` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`community_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`leader_name` text,
	`grid_workers` text DEFAULT '[]' NOT NULL,
	`households` integer,
	`buildings` text,
	`deleted_at` text,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grid_code_live_uq` ON `grid` (`code`) WHERE "grid"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `grid_community_ix` ON `grid` (`community_id`);--> statement-breakpoint
CREATE INDEX `grid_seq_ix` ON `grid` (`change_seq`);--> statement-breakpoint
CREATE TABLE `street` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`district_code` text NOT NULL,
	`district_name` text NOT NULL,
	`city_name` text NOT NULL,
	`province_name` text NOT NULL,
	`contact_person` text,
	`contact_phone` text,
	`address` text,
	CONSTRAINT "street_code_ck" CHECK(length("street"."code") = 9)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `street_code_uq` ON `street` (`code`);--> statement-breakpoint
CREATE TABLE `audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`operator` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`summary` text NOT NULL,
	`before` text,
	`after` text,
	`change_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_ix` ON `audit` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_ix` ON `audit` (`at`);