CREATE TABLE `agenda_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`title` text NOT NULL,
	`discussion` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agenda_item_meeting_ix` ON `agenda_item` (`meeting_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `agenda_item_seq_ix` ON `agenda_item` (`change_seq`);--> statement-breakpoint
CREATE TABLE `decision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`agenda_item_id` integer,
	`content` text NOT NULL,
	`responsible_unit_id` integer,
	`responsible_name` text,
	`deadline` text,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_date` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_item`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`responsible_unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `decision_meeting_ix` ON `decision` (`meeting_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `decision_status_deadline_ix` ON `decision` (`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `decision_seq_ix` ON `decision` (`change_seq`);--> statement-breakpoint
CREATE TABLE `decision_note` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`decision_id` integer NOT NULL,
	`date` text NOT NULL,
	`note` text NOT NULL,
	`status` text NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `decision`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `decision_note_decision_ix` ON `decision_note` (`decision_id`,`date`);--> statement-breakpoint
CREATE INDEX `decision_note_seq_ix` ON `decision_note` (`change_seq`);--> statement-breakpoint
CREATE TABLE `meeting` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`body_id` integer NOT NULL,
	`community_id` integer,
	`date` text NOT NULL,
	`start_time` text,
	`end_time` text,
	`place` text,
	`chair_name` text,
	`recorder_name` text,
	`subject` text,
	`deleted_at` text,
	FOREIGN KEY (`body_id`) REFERENCES `meeting_body`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `meeting_body_date_ix` ON `meeting` (`body_id`,`date`);--> statement-breakpoint
CREATE INDEX `meeting_community_date_ix` ON `meeting` (`community_id`,`date`);--> statement-breakpoint
CREATE INDEX `meeting_date_ix` ON `meeting` (`date`);--> statement-breakpoint
CREATE INDEX `meeting_seq_ix` ON `meeting` (`change_seq`);--> statement-breakpoint
CREATE TABLE `meeting_attendee` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`member_id` integer,
	`unit_id` integer,
	`person_name` text NOT NULL,
	`attendance` text NOT NULL,
	`reason` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `meeting_attendee_meeting_ix` ON `meeting_attendee` (`meeting_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `meeting_attendee_seq_ix` ON `meeting_attendee` (`change_seq`);--> statement-breakpoint
CREATE TABLE `meeting_body` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`community_id` integer,
	`frequency` text DEFAULT 'none' NOT NULL,
	`description` text,
	`deleted_at` text,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `meeting_body_community_ix` ON `meeting_body` (`community_id`);--> statement-breakpoint
CREATE INDEX `meeting_body_seq_ix` ON `meeting_body` (`change_seq`);--> statement-breakpoint
CREATE TABLE `meeting_body_member` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`body_id` integer NOT NULL,
	`unit_id` integer,
	`member_id` integer,
	`person_name` text,
	`role` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `meeting_body`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `meeting_body_member_body_ix` ON `meeting_body_member` (`body_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `meeting_body_member_seq_ix` ON `meeting_body_member` (`change_seq`);--> statement-breakpoint
CREATE TABLE `meeting_minutes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`content` text DEFAULT '{}' NOT NULL,
	`printed_at` text,
	`format` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_minutes_version_uq` ON `meeting_minutes` (`meeting_id`,`version`);--> statement-breakpoint
CREATE INDEX `meeting_minutes_seq_ix` ON `meeting_minutes` (`change_seq`);--> statement-breakpoint
CREATE INDEX `member_surname_ix` ON `member` (substr("name", 1, 1),`status`,`name_pinyin`,`id`,`name`) WHERE "member"."deleted_at" is null;