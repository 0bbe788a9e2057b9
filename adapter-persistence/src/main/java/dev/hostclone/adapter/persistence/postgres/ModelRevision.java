package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * The host model's revision ({@code host_model_state.revision}) and the lock protocol around its one
 * row, which keeps host writes and model changes from interleaving:
 * <ul>
 *   <li>every host write takes the row {@code FOR SHARE} and checks, in the same statement or
 *       transaction, that the revision is the one it was planned with; otherwise it writes nothing
 *       (stale). Host writes share the lock, so they never wait for each other here;</li>
 *   <li>every model change first locks the table {@code IN EXCLUSIVE MODE}: it waits for the host writes
 *       in flight (each holds the table's {@code ROW SHARE} lock, which {@code FOR SHARE} takes, until it
 *       commits) and holds off new ones until it commits, then raises the revision and sends
 *       {@code NOTIFY hostclone_model} in the same transaction, so every server drops its cached model.
 *       A table lock, not the row {@code FOR UPDATE}: a row lock waited for is no lock yet, and new
 *       {@code FOR SHARE} lockers went past it, so under a steady stream of clones a model change waited
 *       until its statement timed out; a table lock waited for is queued, and holds off the lockers
 *       that come after it. Plain reads ({@code ACCESS SHARE}) go on.</li>
 * </ul>
 * Both take this table's lock before any host row, so the two kinds of write cannot deadlock on each other.
 */
final class ModelRevision {

    /** The revision as it is now. Host reads carry it too, so that a cached model older than it is not used. */
    static final String CURRENT = "SELECT revision FROM host_model_state WHERE id = 1";
    /** A host write's lock, for a write spread over several statements of one transaction. */
    static final String SHARE = "SELECT revision FROM host_model_state WHERE id = 1 FOR SHARE";
    /** A model change's lock; statements after it in the transaction see every host write committed before. */
    static final String LOCK = "LOCK TABLE host_model_state IN EXCLUSIVE MODE";
    /** Raises the revision and announces it ({@code $1} is the channel), both effective at commit. */
    private static final String BUMP = "WITH bumped AS (UPDATE host_model_state SET revision = revision + 1 WHERE id = 1"
            + " RETURNING revision) SELECT revision, pg_notify($1, revision::text) FROM bumped";

    private ModelRevision() {
    }

    /**
     * A CTE named {@code model} holding one row when the revision is {@code $parameter}, locked
     * {@code FOR SHARE}: a host write statement joins on it to write nothing otherwise.
     */
    static String sharedAt(int parameter) {
        return "model AS (SELECT revision FROM host_model_state WHERE id = 1 AND revision = $" + parameter + " FOR SHARE)";
    }

    static long revision(RowSet<Row> rows) {
        return rows.iterator().next().getLong("revision");
    }

    static Future<RowSet<Row>> bump(SqlConnection connection) {
        return connection.preparedQuery(BUMP).execute(Tuple.of(PostgresHostModel.CHANNEL));
    }
}
