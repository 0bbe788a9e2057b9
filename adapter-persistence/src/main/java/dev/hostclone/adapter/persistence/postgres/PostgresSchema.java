package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.SchemaStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema the store runs on: brought to this build's version at start ({@link Migrations}), then asked
 * by the readiness check whether that version is still applied, and its tables measured for the meters.
 */
final class PostgresSchema {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSchema.class);
    /**
     * The ordinary and partitioned tables of the connection's current schema, where Flyway migrates, named in
     * $1, their sizes and estimated rows ({@code reltuples}: -1 until a vacuum or analyze has run on the table).
     */
    static final String TABLE_SIZES_SQL = "SELECT relname::text, pg_total_relation_size(oid), reltuples::bigint FROM pg_class"
            + " WHERE relnamespace = to_regnamespace(current_schema()) AND relkind IN ('r', 'p')"
            + " AND relname::text = ANY ($1::text[])";

    /** PostgreSQL's SQLSTATE for a table that does not exist. */
    private static final String UNDEFINED_TABLE = "42P01";

    private final TimedPool pool;
    private final Migrations.Outcome atStart;

    PostgresSchema(TimedPool pool, Migrations.Outcome atStart) {
        this.pool = pool;
        this.atStart = atStart;
    }

    /**
     * The schema brought up to date: as found, when Flyway's history already says it is
     * ({@link #foundCurrent}), else by Flyway on a worker thread.
     */
    static Future<Migrations.Outcome> migrate(Vertx vertx, PgSettings settings, TimedPool pool) {
        return foundCurrent(vertx, pool)
                .compose(current -> current.isPresent() ? Future.succeededFuture(current.get()) : byFlyway(vertx, settings));
    }

    /** Flyway's migration, on a worker thread, without reading the history first. */
    static Future<Migrations.Outcome> byFlyway(Vertx vertx, PgSettings settings) {
        return vertx.executeBlocking(() -> Migrations.apply(settings), false);
    }

    /**
     * The schema, when Flyway's history already reads as this build's migrations leave it (see
     * {@link Migrations}): a restart then skips loading Flyway and the JDBC driver, about a third of
     * a second of a plain-jar start. Empty whenever that is not so, the history unreadable included
     * (no connection) or absent (a fresh database, asked first so that no statement fails there):
     * Flyway then migrates, or fails the start naming why.
     */
    private static Future<Optional<Migrations.Outcome>> foundCurrent(Vertx vertx, TimedPool pool) {
        Future<List<Migrations.HistoryRow>> expected = vertx.executeBlocking(Migrations::expectedHistory, false);
        Future<List<Migrations.HistoryRow>> history = pool.execute(Migrations.HISTORY_EXISTS_SQL, Tuple.tuple())
                .compose(found -> found.iterator().next().getBoolean("present")
                        ? pool.execute(Migrations.HISTORY_SQL, Tuple.tuple()).map(PostgresSchema::historyRows)
                        // a fresh database: an empty history, never the expected one, so Flyway migrates
                        : Future.succeededFuture(List.of()));
        return Future.all(expected, history)
                .map(both -> Migrations.withoutFlyway(history.result(), expected.result()))
                .otherwise(unread -> {
                    LOG.debug("Flyway's history not read ({}): Flyway decides", unread.toString());
                    return Optional.empty();
                });
    }

    private static List<Migrations.HistoryRow> historyRows(RowSet<Row> rows) {
        List<Migrations.HistoryRow> read = new ArrayList<>(rows.size());
        rows.forEach(row -> read.add(new Migrations.HistoryRow(row.getString("version"), row.getString("description"),
                row.getString("type"), row.getString("script"), row.getInteger("checksum"), row.getBoolean("success"))));
        return read;
    }

    /** The schema the start left, and whether Flyway ran for it. */
    Migrations.Outcome atStart() {
        return atStart;
    }

    /**
     * Whether the version of {@link #atStart} is still recorded as applied: one cheap statement, on the shared
     * connection, so that it answers while every pooled connection serves a request ({@link TimedPool#probe}). A
     * history table gone (dropped, or the schema restored from a dump without it) is PostgreSQL's answer, the
     * migrations not applied; until 2026-12-06 it read as the store not answering.
     */
    CompletionStage<SchemaStatus> checkStoreReadiness() {
        String schemaVersion = atStart.schemaVersion();
        return pool.probe(Migrations.IS_APPLIED_SQL, Tuple.of(schemaVersion))
                .map(rows -> rows.iterator().next().getBoolean(0)
                        ? SchemaStatus.applied("schema at version " + schemaVersion)
                        : SchemaStatus.notApplied("schema version " + schemaVersion + " is not applied"))
                .recover(failure -> failure instanceof PgException pg && UNDEFINED_TABLE.equals(pg.getSqlState())
                        ? Future.succeededFuture(SchemaStatus.notApplied("schema version " + schemaVersion
                                + " is not applied: flyway_schema_history is missing"))
                        : Future.failedFuture(PostgresStoreException.wrap("answer a readiness check", failure)))
                .toCompletionStage();
    }

    /** The sizes of {@link Migrations#TABLES}, by name, from one statement on the catalog. */
    CompletionStage<Map<String, TableSize>> tableSizes() {
        return pool.execute(TABLE_SIZES_SQL, Tuple.of(Migrations.TABLES.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, TableSize> sizes = new TreeMap<>();
                    rows.forEach(row -> {
                        long estimatedRows = row.getLong(2);
                        sizes.put(row.getString(0), new TableSize(row.getLong(1),
                                estimatedRows < 0 ? OptionalLong.empty() : OptionalLong.of(estimatedRows)));
                    });
                    return Collections.unmodifiableMap(sizes);
                })
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("read the tables' sizes", failure)))
                .toCompletionStage();
    }
}
