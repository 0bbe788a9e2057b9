-- HostClone schema, version 4: no planner statistics for the audit records' payload.
--
-- audit_record grows with every write, so autovacuum analyzes it every minute or two under load.
-- Sorting and comparing 30,000 sampled jsonb documents per payload column made each ANALYZE cost
-- about half a second of CPU and 2 to 5 s of reading, and requests queued behind it: the soak's
-- p99 spikes of 60 to 370 ms lined up second for second with "automatic analyze of table
-- audit_record" in the database's log. No query filters, joins or sorts on these columns (they are
-- only read back with their row), so their statistics never informed a plan; the columns the
-- searches use keep theirs. SET STATISTICS takes a lock that blocks neither reads nor writes.
ALTER TABLE audit_record
    ALTER COLUMN pre_data SET STATISTICS 0,
    ALTER COLUMN cur_data SET STATISTICS 0,
    ALTER COLUMN update_fields SET STATISTICS 0;
