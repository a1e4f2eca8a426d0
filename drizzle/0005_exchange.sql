CREATE TABLE `exchange_key` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`key_id` text NOT NULL,
	`public_key` text NOT NULL,
	`private_key` text NOT NULL,
	`hash_secret` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `export_batch` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`package_id` text NOT NULL,
	`seq` integer NOT NULL,
	`base_seq` integer NOT NULL,
	`full` integer NOT NULL,
	`identified` integer NOT NULL,
	`change_from` integer NOT NULL,
	`change_to` integer NOT NULL,
	`tombstone_from` integer NOT NULL,
	`tombstone_to` integer NOT NULL,
	`package_created_at` text NOT NULL,
	`key_id` text NOT NULL,
	`row_count` integer NOT NULL,
	`tombstone_count` integer NOT NULL,
	`counts` text NOT NULL,
	`content_hash` text NOT NULL,
	`package_sha256` text NOT NULL,
	`package_size` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_path` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `export_batch_seq_uq` ON `export_batch` (`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `export_batch_package_uq` ON `export_batch` (`package_id`);--> statement-breakpoint
CREATE INDEX `export_batch_seq_ix` ON `export_batch` (`change_seq`);--> statement-breakpoint
CREATE TABLE `tombstone` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_name` text NOT NULL,
	`row_id` integer NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tombstone_table_ix` ON `tombstone` (`table_name`,`id`);--> statement-breakpoint
-- Hand-written below this line (drizzle-kit does not generate triggers): every table that goes into a district
-- package records its deleted rows (hard deletes, including ON DELETE CASCADE) as tombstones, stamped with the
-- current change sequence. Packages select tombstones by their own id range, so the stamp is informative only.
CREATE TRIGGER `street_tombstone_ad` AFTER DELETE ON `street` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('street', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `community_tombstone_ad` AFTER DELETE ON `community` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('community', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `community_funding_tombstone_ad` AFTER DELETE ON `community_funding` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('community_funding', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `grid_tombstone_ad` AFTER DELETE ON `grid` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('grid', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `unit_tombstone_ad` AFTER DELETE ON `unit` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('unit', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `member_tombstone_ad` AFTER DELETE ON `member` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('member', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `member_report_tombstone_ad` AFTER DELETE ON `member_report` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('member_report', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `liaison_station_tombstone_ad` AFTER DELETE ON `liaison_station` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('liaison_station', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `liaison_group_tombstone_ad` AFTER DELETE ON `liaison_group` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('liaison_group', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `liaison_assignment_tombstone_ad` AFTER DELETE ON `liaison_assignment` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('liaison_assignment', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `agreement_tombstone_ad` AFTER DELETE ON `agreement` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('agreement', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `commitment_tombstone_ad` AFTER DELETE ON `commitment` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('commitment', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `service_post_tombstone_ad` AFTER DELETE ON `service_post` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('service_post', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `post_claim_tombstone_ad` AFTER DELETE ON `post_claim` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('post_claim', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `volunteer_team_tombstone_ad` AFTER DELETE ON `volunteer_team` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('volunteer_team', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `team_member_tombstone_ad` AFTER DELETE ON `team_member` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('team_member', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `activity_tombstone_ad` AFTER DELETE ON `activity` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('activity', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `activity_participant_tombstone_ad` AFTER DELETE ON `activity_participant` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('activity_participant', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `member_evaluation_tombstone_ad` AFTER DELETE ON `member_evaluation` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('member_evaluation', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_body_tombstone_ad` AFTER DELETE ON `meeting_body` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('meeting_body', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_body_member_tombstone_ad` AFTER DELETE ON `meeting_body_member` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('meeting_body_member', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_tombstone_ad` AFTER DELETE ON `meeting` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('meeting', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_attendee_tombstone_ad` AFTER DELETE ON `meeting_attendee` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('meeting_attendee', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `agenda_item_tombstone_ad` AFTER DELETE ON `agenda_item` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('agenda_item', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `decision_tombstone_ad` AFTER DELETE ON `decision` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('decision', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `decision_note_tombstone_ad` AFTER DELETE ON `decision_note` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('decision_note', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_minutes_tombstone_ad` AFTER DELETE ON `meeting_minutes` BEGIN
  INSERT INTO `tombstone` (`table_name`, `row_id`, `change_seq`, `deleted_at`)
    VALUES ('meeting_minutes', old.`id`, coalesce((SELECT `value` FROM `counters` WHERE `name` = 'change'), 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
