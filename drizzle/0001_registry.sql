CREATE TABLE `member` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`name` text NOT NULL,
	`name_pinyin` text NOT NULL,
	`name_initials` text NOT NULL,
	`gender` text NOT NULL,
	`birth_date` text NOT NULL,
	`ethnicity` text,
	`id_number` text NOT NULL,
	`id_tail` text NOT NULL,
	`phone` text,
	`phone_tail` text,
	`community_id` integer NOT NULL,
	`grid_id` integer,
	`category` text NOT NULL,
	`employer_unit_id` integer,
	`employer_name` text,
	`employer_party_org` text,
	`skills` text DEFAULT '[]' NOT NULL,
	`report_date` text,
	`status` text DEFAULT 'active' NOT NULL,
	`note` text,
	`deleted_at` text,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`grid_id`) REFERENCES `grid`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`employer_unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_id_number_live_uq` ON `member` (`id_number`) WHERE "member"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `member_list_ix` ON `member` (`community_id`,`status`,`category`,`name_pinyin`);--> statement-breakpoint
CREATE INDEX `member_community_ix` ON `member` (`community_id`,`status`,`name_pinyin`);--> statement-breakpoint
CREATE INDEX `member_initials_ix` ON `member` (`name_initials`);--> statement-breakpoint
CREATE INDEX `member_pinyin_ix` ON `member` (`name_pinyin`);--> statement-breakpoint
CREATE INDEX `member_name_ix` ON `member` (`name`);--> statement-breakpoint
CREATE INDEX `member_id_tail_ix` ON `member` (`id_tail`);--> statement-breakpoint
CREATE INDEX `member_phone_tail_ix` ON `member` (`phone_tail`);--> statement-breakpoint
CREATE INDEX `member_grid_ix` ON `member` (`grid_id`);--> statement-breakpoint
CREATE INDEX `member_employer_ix` ON `member` (`employer_unit_id`);--> statement-breakpoint
CREATE INDEX `member_seq_ix` ON `member` (`change_seq`);--> statement-breakpoint
CREATE TABLE `member_report` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`member_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`report_date` text NOT NULL,
	`service_intent` text,
	`skills` text DEFAULT '[]' NOT NULL,
	`letter_received` integer DEFAULT false NOT NULL,
	`letter_date` text,
	`card_no` text NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_report_card_uq` ON `member_report` (`card_no`);--> statement-breakpoint
CREATE INDEX `member_report_member_ix` ON `member_report` (`member_id`);--> statement-breakpoint
CREATE INDEX `member_report_seq_ix` ON `member_report` (`change_seq`);--> statement-breakpoint
CREATE TABLE `unit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`name` text NOT NULL,
	`name_pinyin` text NOT NULL,
	`name_initials` text NOT NULL,
	`uscc` text,
	`type` text NOT NULL,
	`community_id` integer,
	`party_org_name` text,
	`party_secretary` text,
	`contact_person` text,
	`contact_phone` text,
	`is_council_member` integer DEFAULT false NOT NULL,
	`resources` text DEFAULT '[]' NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_uscc_live_uq` ON `unit` (`uscc`) WHERE "unit"."uscc" is not null and "unit"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `unit_initials_ix` ON `unit` (`name_initials`);--> statement-breakpoint
CREATE INDEX `unit_pinyin_ix` ON `unit` (`name_pinyin`);--> statement-breakpoint
CREATE INDEX `unit_community_ix` ON `unit` (`community_id`);--> statement-breakpoint
CREATE INDEX `unit_seq_ix` ON `unit` (`change_seq`);--> statement-breakpoint
CREATE TABLE `liaison_assignment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`member_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`group_id`) REFERENCES `liaison_group`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `liaison_assignment_active_uq` ON `liaison_assignment` (`member_id`) WHERE "liaison_assignment"."end_date" is null;--> statement-breakpoint
CREATE INDEX `liaison_assignment_group_ix` ON `liaison_assignment` (`group_id`,`end_date`);--> statement-breakpoint
CREATE INDEX `liaison_assignment_seq_ix` ON `liaison_assignment` (`change_seq`);--> statement-breakpoint
CREATE TABLE `liaison_group` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`station_id` integer NOT NULL,
	`name` text NOT NULL,
	`leader_name` text,
	`deleted_at` text,
	FOREIGN KEY (`station_id`) REFERENCES `liaison_station`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `liaison_group_station_ix` ON `liaison_group` (`station_id`);--> statement-breakpoint
CREATE INDEX `liaison_group_seq_ix` ON `liaison_group` (`change_seq`);--> statement-breakpoint
CREATE TABLE `liaison_station` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`community_id` integer NOT NULL,
	`grid_id` integer,
	`name` text NOT NULL,
	`residential_area` text,
	`leader_name` text,
	`deleted_at` text,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`grid_id`) REFERENCES `grid`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `liaison_station_community_ix` ON `liaison_station` (`community_id`);--> statement-breakpoint
CREATE INDEX `liaison_station_seq_ix` ON `liaison_station` (`change_seq`);