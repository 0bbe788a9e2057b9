package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionStage;

/**
 * Deleting audit records older than a cutoff, a bounded batch at a time, for an operator's retention
 * ({@code HOSTCLONE_AUDIT_RETENTION}); nothing in the use cases deletes one. Each batch is one statement,
 * hence its own short transaction: its row locks and its WAL are a batch's, whatever the backlog.
 */
final class PostgresAuditPruning {

    /**
     * The oldest records first, by the {@code operation_time} index (V1), so a batch reads about as many index
     * entries as it deletes; ordered by id, PostgreSQL would read every record older than the cutoff to sort
     * them, millions a batch on a first round. The ids as an array, then deleted by the primary key: planned
     * generically, {@code id IN (…)} became a hash join over a whole scan of the table. {@code SKIP LOCKED}: two
     * servers pruning at once delete different records and neither waits for the other; a batch found short
     * because another holds some leaves them to it.
     */
    static final String DELETE_OLDEST = "DELETE FROM audit_record WHERE id = ANY (ARRAY (SELECT id FROM audit_record"
            + " WHERE operation_time < $1 ORDER BY operation_time LIMIT $2 FOR UPDATE SKIP LOCKED))";

    private final TimedPool pool;

    PostgresAuditPruning(TimedPool pool) {
        this.pool = pool;
    }

    CompletionStage<Integer> deleteOlderThan(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a batch deletes at least one record, not " + limit);
        }
        return pool.execute(DELETE_OLDEST, Tuple.of(cutoff.atOffset(ZoneOffset.UTC), limit))
                .map(deleted -> deleted.rowCount())
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("delete old audit records", failure)))
                .toCompletionStage();
    }
}
