-- HostClone schema, version 5: a cheaper ANALYZE of audit_record, and room for host updates on their own page.
--
-- ANALYZE samples 300 rows per unit of the largest statistics target among a table's columns:
-- 30,000 rows of audit_record at the default target of 100. audit_record is analyzed every few
-- minutes under load, and in the soak the seconds it ran in were the seconds p99 rose. A target of
-- 10 samples 3,000 rows, plenty for what searches ask of these columns (a business, a user, a
-- resource, a time range, all served by indexes). The payload columns keep V4's 0.
ALTER TABLE audit_record
    ALTER COLUMN id SET STATISTICS 10,
    ALTER COLUMN audit_type SET STATISTICS 10,
    ALTER COLUMN resource_type SET STATISTICS 10,
    ALTER COLUMN action SET STATISTICS 10,
    ALTER COLUMN bk_biz_id SET STATISTICS 10,
    ALTER COLUMN resource_id SET STATISTICS 10,
    ALTER COLUMN resource_name SET STATISTICS 10,
    ALTER COLUMN user_name SET STATISTICS 10,
    ALTER COLUMN app_code SET STATISTICS 10,
    ALTER COLUMN rid SET STATISTICS 10,
    ALTER COLUMN operate_from SET STATISTICS 10,
    ALTER COLUMN operation_time SET STATISTICS 10;

-- Every host write replaces the row. When the new version fits on the old one's page, PostgreSQL
-- writes no index entry for it (a HOT update), and vacuum has no index to clean. Pages filled to
-- the brim left about 2 % of updates without room, enough to make each autovacuum of host pass over
-- its indexes, at the seconds the soak's p99 rose. Rows inserted from now on leave 15 % of each page
-- free. Both statements take a lock that blocks neither reads nor writes.
ALTER TABLE host SET (fillfactor = 85);
