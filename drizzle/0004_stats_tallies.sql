CREATE TABLE `activity_tally` (
	`activity_id` integer PRIMARY KEY NOT NULL,
	`participants` integer NOT NULL,
	`hours` real NOT NULL
);
--> statement-breakpoint
CREATE TABLE `member_activity_year` (
	`member_id` integer NOT NULL,
	`year` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`member_id`, `year`)
);
--> statement-breakpoint
CREATE TABLE `member_tally` (
	`community_id` integer NOT NULL,
	`category` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`community_id`, `category`)
);
--> statement-breakpoint
-- Hand-written below this line (drizzle-kit does not generate triggers): the tallies are kept by triggers in the
-- statement that changes what they count, and filled here from the rows that exist.
INSERT INTO `member_tally` (`community_id`, `category`, `n`)
  SELECT `community_id`, `category`, count(*) FROM `member`
  WHERE `deleted_at` IS NULL AND `status` = 'active' GROUP BY `community_id`, `category`;
--> statement-breakpoint
INSERT INTO `activity_tally` (`activity_id`, `participants`, `hours`)
  SELECT `activity_id`, count(*), total(`hours`) FROM `activity_participant` GROUP BY `activity_id`;
--> statement-breakpoint
INSERT INTO `member_activity_year` (`member_id`, `year`, `n`)
  SELECT p.`member_id`, CAST(substr(a.`date`, 1, 4) AS integer), count(*)
  FROM `activity_participant` p JOIN `activity` a ON a.`id` = p.`activity_id`
  WHERE p.`member_id` IS NOT NULL AND a.`deleted_at` IS NULL
  GROUP BY p.`member_id`, CAST(substr(a.`date`, 1, 4) AS integer);
--> statement-breakpoint
CREATE TRIGGER `member_tally_ai` AFTER INSERT ON `member`
WHEN new.`deleted_at` IS NULL AND new.`status` = 'active' BEGIN
  INSERT INTO `member_tally` (`community_id`, `category`, `n`) VALUES (new.`community_id`, new.`category`, 1)
    ON CONFLICT (`community_id`, `category`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `member_tally_ad` AFTER DELETE ON `member`
WHEN old.`deleted_at` IS NULL AND old.`status` = 'active' BEGIN
  UPDATE `member_tally` SET `n` = `n` - 1 WHERE `community_id` = old.`community_id` AND `category` = old.`category`;
END;
--> statement-breakpoint
CREATE TRIGGER `member_tally_au` AFTER UPDATE OF `community_id`, `category`, `status`, `deleted_at` ON `member`
WHEN (old.`deleted_at` IS NULL AND old.`status` = 'active') IS NOT (new.`deleted_at` IS NULL AND new.`status` = 'active')
  OR old.`community_id` IS NOT new.`community_id` OR old.`category` IS NOT new.`category` BEGIN
  UPDATE `member_tally` SET `n` = `n` - 1
    WHERE old.`deleted_at` IS NULL AND old.`status` = 'active'
      AND `community_id` = old.`community_id` AND `category` = old.`category`;
  INSERT INTO `member_tally` (`community_id`, `category`, `n`)
    SELECT new.`community_id`, new.`category`, 1 WHERE new.`deleted_at` IS NULL AND new.`status` = 'active'
    ON CONFLICT (`community_id`, `category`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_tally_ai` AFTER INSERT ON `activity_participant` BEGIN
  INSERT INTO `activity_tally` (`activity_id`, `participants`, `hours`) VALUES (new.`activity_id`, 1, new.`hours`)
    ON CONFLICT (`activity_id`) DO UPDATE SET `participants` = `participants` + 1, `hours` = `hours` + excluded.`hours`;
  INSERT INTO `member_activity_year` (`member_id`, `year`, `n`)
    SELECT new.`member_id`, CAST(substr(a.`date`, 1, 4) AS integer), 1 FROM `activity` a
    WHERE a.`id` = new.`activity_id` AND a.`deleted_at` IS NULL AND new.`member_id` IS NOT NULL
    ON CONFLICT (`member_id`, `year`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_tally_ad` AFTER DELETE ON `activity_participant` BEGIN
  UPDATE `activity_tally` SET `participants` = `participants` - 1, `hours` = `hours` - old.`hours`
    WHERE `activity_id` = old.`activity_id`;
  UPDATE `member_activity_year` SET `n` = `n` - 1
    WHERE `member_id` = old.`member_id`
      AND `year` = (SELECT CAST(substr(a.`date`, 1, 4) AS integer) FROM `activity` a
                    WHERE a.`id` = old.`activity_id` AND a.`deleted_at` IS NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `activity_tally_au` AFTER UPDATE OF `activity_id`, `member_id`, `hours` ON `activity_participant`
WHEN old.`activity_id` IS NOT new.`activity_id` OR old.`member_id` IS NOT new.`member_id` OR old.`hours` IS NOT new.`hours` BEGIN
  UPDATE `activity_tally` SET `participants` = `participants` - 1, `hours` = `hours` - old.`hours`
    WHERE `activity_id` = old.`activity_id`;
  UPDATE `member_activity_year` SET `n` = `n` - 1
    WHERE `member_id` = old.`member_id`
      AND `year` = (SELECT CAST(substr(a.`date`, 1, 4) AS integer) FROM `activity` a
                    WHERE a.`id` = old.`activity_id` AND a.`deleted_at` IS NULL);
  INSERT INTO `activity_tally` (`activity_id`, `participants`, `hours`) VALUES (new.`activity_id`, 1, new.`hours`)
    ON CONFLICT (`activity_id`) DO UPDATE SET `participants` = `participants` + 1, `hours` = `hours` + excluded.`hours`;
  INSERT INTO `member_activity_year` (`member_id`, `year`, `n`)
    SELECT new.`member_id`, CAST(substr(a.`date`, 1, 4) AS integer), 1 FROM `activity` a
    WHERE a.`id` = new.`activity_id` AND a.`deleted_at` IS NULL AND new.`member_id` IS NOT NULL
    ON CONFLICT (`member_id`, `year`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `member_activity_year_au` AFTER UPDATE OF `date`, `deleted_at` ON `activity`
WHEN (old.`deleted_at` IS NULL) IS NOT (new.`deleted_at` IS NULL)
  OR substr(old.`date`, 1, 4) IS NOT substr(new.`date`, 1, 4) BEGIN
  UPDATE `member_activity_year` SET `n` = `n` - 1
    WHERE old.`deleted_at` IS NULL AND `year` = CAST(substr(old.`date`, 1, 4) AS integer)
      AND `member_id` IN (SELECT p.`member_id` FROM `activity_participant` p WHERE p.`activity_id` = old.`id`);
  INSERT INTO `member_activity_year` (`member_id`, `year`, `n`)
    SELECT p.`member_id`, CAST(substr(new.`date`, 1, 4) AS integer), 1 FROM `activity_participant` p
    WHERE p.`activity_id` = new.`id` AND p.`member_id` IS NOT NULL AND new.`deleted_at` IS NULL
    ON CONFLICT (`member_id`, `year`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_tally_bd` BEFORE DELETE ON `activity` BEGIN
  UPDATE `member_activity_year` SET `n` = `n` - 1
    WHERE old.`deleted_at` IS NULL AND `year` = CAST(substr(old.`date`, 1, 4) AS integer)
      AND `member_id` IN (SELECT p.`member_id` FROM `activity_participant` p WHERE p.`activity_id` = old.`id`);
  DELETE FROM `activity_tally` WHERE `activity_id` = old.`id`;
END;
--> statement-breakpoint
-- The participation figure's two member probes: 在册 在职党员 by id (joined from their 报到 records; also their age
-- and 报到 status for the dashboard), and 报到日期 set on 在职党员 without a 报到 record; both small partial indexes
-- instead of reading the member table's wide rows.
CREATE INDEX `member_employed_active_ix` ON `member` (`id`, `community_id`, `birth_date`, `report_date`)
  WHERE `deleted_at` IS NULL AND `status` = 'active' AND `category` = 'employed';
--> statement-breakpoint
CREATE INDEX `member_report_date_ix` ON `member` (`report_date`) WHERE `report_date` IS NOT NULL AND `category` = 'employed';
--> statement-breakpoint
-- Live 报到 records in (member, community) order: the participation figure reads them distinct without sorting.
CREATE INDEX `member_report_live_ix` ON `member_report` (`member_id`, `community_id`, `report_date`) WHERE `deleted_at` IS NULL;
