CREATE TABLE `activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`date` text NOT NULL,
	`start_time` text,
	`end_time` text,
	`community_id` integer,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`organizer_kind` text NOT NULL,
	`organizer_unit_id` integer,
	`organizer_team_id` integer,
	`place` text,
	`description` text,
	`residents_served` integer DEFAULT 0 NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organizer_unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organizer_team_id`) REFERENCES `volunteer_team`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `activity_date_ix` ON `activity` (`date`);--> statement-breakpoint
CREATE INDEX `activity_community_ix` ON `activity` (`community_id`,`date`);--> statement-breakpoint
CREATE INDEX `activity_seq_ix` ON `activity` (`change_seq`);--> statement-breakpoint
CREATE TABLE `activity_participant` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`member_id` integer,
	`unit_id` integer,
	`hours` real NOT NULL,
	`role` text,
	FOREIGN KEY (`activity_id`) REFERENCES `activity`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_participant_member_uq` ON `activity_participant` (`activity_id`,`member_id`) WHERE "activity_participant"."member_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `activity_participant_unit_uq` ON `activity_participant` (`activity_id`,`unit_id`) WHERE "activity_participant"."unit_id" is not null;--> statement-breakpoint
CREATE INDEX `activity_participant_activity_ix` ON `activity_participant` (`activity_id`);--> statement-breakpoint
CREATE INDEX `activity_participant_member_ix` ON `activity_participant` (`member_id`,`activity_id`);--> statement-breakpoint
CREATE INDEX `activity_participant_unit_ix` ON `activity_participant` (`unit_id`);--> statement-breakpoint
CREATE INDEX `activity_participant_seq_ix` ON `activity_participant` (`change_seq`);--> statement-breakpoint
CREATE TABLE `agreement` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`community_id` integer,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`areas` text DEFAULT '[]' NOT NULL,
	`signatory_a` text,
	`signatory_b` text,
	`liaison_person` text,
	`liaison_phone` text,
	`signed_date` text,
	`duties_a` text,
	`duties_b` text,
	`note` text,
	`deleted_at` text,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `agreement_unit_ix` ON `agreement` (`unit_id`,`year`);--> statement-breakpoint
CREATE INDEX `agreement_community_ix` ON `agreement` (`community_id`,`year`);--> statement-breakpoint
CREATE INDEX `agreement_seq_ix` ON `agreement` (`change_seq`);--> statement-breakpoint
CREATE TABLE `commitment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`agreement_id` integer NOT NULL,
	`content` text NOT NULL,
	`area` text,
	`due_date` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`evidence_note` text,
	`evidence_date` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreement`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `commitment_agreement_ix` ON `commitment` (`agreement_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `commitment_due_ix` ON `commitment` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `commitment_seq_ix` ON `commitment` (`change_seq`);--> statement-breakpoint
CREATE TABLE `member_evaluation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`member_id` integer NOT NULL,
	`period` text NOT NULL,
	`community_id` integer NOT NULL,
	`grade` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_evaluation_uq` ON `member_evaluation` (`member_id`,`period`);--> statement-breakpoint
CREATE INDEX `member_evaluation_community_ix` ON `member_evaluation` (`community_id`,`period`);--> statement-breakpoint
CREATE INDEX `member_evaluation_seq_ix` ON `member_evaluation` (`change_seq`);--> statement-breakpoint
CREATE TABLE `post_claim` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`post_id` integer NOT NULL,
	`member_id` integer,
	`unit_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`claim_date` text NOT NULL,
	`decided_date` text,
	`withdrawn_date` text,
	`note` text,
	FOREIGN KEY (`post_id`) REFERENCES `service_post`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `post_claim_post_ix` ON `post_claim` (`post_id`,`status`);--> statement-breakpoint
CREATE INDEX `post_claim_member_ix` ON `post_claim` (`member_id`,`status`);--> statement-breakpoint
CREATE INDEX `post_claim_unit_ix` ON `post_claim` (`unit_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `post_claim_member_live_uq` ON `post_claim` (`post_id`,`member_id`) WHERE "post_claim"."member_id" is not null and "post_claim"."status" in ('pending', 'approved');--> statement-breakpoint
CREATE UNIQUE INDEX `post_claim_unit_live_uq` ON `post_claim` (`post_id`,`unit_id`) WHERE "post_claim"."unit_id" is not null and "post_claim"."status" in ('pending', 'approved');--> statement-breakpoint
CREATE INDEX `post_claim_seq_ix` ON `post_claim` (`change_seq`);--> statement-breakpoint
CREATE TABLE `service_post` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`headcount` integer NOT NULL,
	`required_skills` text DEFAULT '[]' NOT NULL,
	`description` text,
	`deleted_at` text,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `service_post_community_ix` ON `service_post` (`community_id`);--> statement-breakpoint
CREATE INDEX `service_post_seq_ix` ON `service_post` (`change_seq`);--> statement-breakpoint
CREATE TABLE `team_member` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`team_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`joined_date` text,
	FOREIGN KEY (`team_id`) REFERENCES `volunteer_team`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_member_uq` ON `team_member` (`team_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `team_member_member_ix` ON `team_member` (`member_id`);--> statement-breakpoint
CREATE INDEX `team_member_seq_ix` ON `team_member` (`change_seq`);--> statement-breakpoint
CREATE TABLE `volunteer_team` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`name` text NOT NULL,
	`theme` text,
	`community_id` integer,
	`leader_member_id` integer,
	`founded_date` text,
	`description` text,
	`deleted_at` text,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`leader_member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `volunteer_team_community_ix` ON `volunteer_team` (`community_id`);--> statement-breakpoint
CREATE INDEX `volunteer_team_seq_ix` ON `volunteer_team` (`change_seq`);