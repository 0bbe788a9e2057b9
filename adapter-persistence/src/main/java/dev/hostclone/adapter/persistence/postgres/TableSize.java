package dev.hostclone.adapter.persistence.postgres;

import java.util.OptionalLong;

/**
 * What one table takes, as PostgreSQL's catalog says without reading the table's rows.
 *
 * @param bytes         on disk, its indexes and TOAST included ({@code pg_total_relation_size})
 * @param estimatedRows the planner's estimate ({@code reltuples}), as the last vacuum or analyze left it:
 *                      empty until one has run on the table (autovacuum analyzes a table once enough of
 *                      it has changed)
 */
public record TableSize(long bytes, OptionalLong estimatedRows) {
}
