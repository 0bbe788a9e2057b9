package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.StoreUnavailableException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Which failures of a commit leave its outcome unknown: the connection lost with it in flight, and no other. A
 * rollback PostgreSQL answered, or a statement the client failed unsent, applied nothing, and a caller may send it again.
 */
class CommitInFlightLostTest {

    @Test
    void givenTheConnectionClosedOrResetUnderACommit_whenWrapped_thenUnavailableWithItsOutcomeUnknown() {
        for (Throwable lost : new Throwable[] {ClosedConnectionException.INSTANCE, new IOException("Connection reset")}) {
            Throwable wrapped = PostgresStoreException.wrap("create hosts", CommitInFlightLost.of(lost));

            assertThat(wrapped).isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith(
                    "PostgreSQL's connection was lost while committing to create hosts, which is applied whole or not"
                            + " at all, not known which (");
            assertThat(((StoreUnavailableException) wrapped).outcomeUnknown()).as(lost.toString()).isTrue();
        }
    }

    @Test
    void givenARollbackPostgresqlAnsweredOrAStatementFailedUnsent_whenWrapped_thenUnavailableAsAnyOther() {
        Throwable[] certain = {
            new PgException("terminating connection due to administrator command", "FATAL", "57P01", null),
            new VertxException("Connection is not active now", true),
            new VertxException("Pending requests failed to be sent due to connection has been closed.",
                    new IOException("Connection reset")),
        };
        for (Throwable failure : certain) {
            assertThat(CommitInFlightLost.of(failure)).as(failure.toString()).isSameAs(failure);
            Throwable wrapped = PostgresStoreException.wrap("create hosts", CommitInFlightLost.of(failure));
            assertThat(wrapped).isInstanceOf(StoreUnavailableException.class);
            assertThat(((StoreUnavailableException) wrapped).outcomeUnknown()).as(failure.toString()).isFalse();
        }
    }
}
