package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.HostCloneServer;
import dev.hostclone.bootstrap.config.Configuration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A server given HOSTCLONE_AUDIT_RETENTION runs its rounds against its own store, on either storage, and meters
 * them; one without it meters nothing of the kind. What a round does is {@code AuditPruningTest}'s.
 */
class AuditRetentionServerTest {

    private static final String DELETED = "hostclone_audit_records_deleted_total";

    @Test
    void givenARetentionOnMemory_whenScraped_thenItsMetersAreThereBeforeTheFirstRound() {
        assertRetentionMetered(EndToEndScenarios.inMemory().withAuditRetention(Duration.ofDays(30)));
    }

    @Test
    void givenARetentionOnPostgres_whenScraped_thenItsMetersAreThereBeforeTheFirstRound() {
        assertRetentionMetered(EndToEndScenarios.onPostgres(TestPostgres.databaseUrl()).withAuditRetention(Duration.ofDays(30)));
    }

    @Test
    void givenNoRetention_whenScraped_thenNoRetentionIsMetered() {
        try (HostCloneServer server = HostCloneServer.start(EndToEndScenarios.inMemory())) {
            String metrics = Scrape.of(EndToEndScenarios.clientOf(server, EndToEndScenarios.ADMIN)).text();

            assertThat(metrics).doesNotContain("hostclone_audit_re");
        }
    }

    private static void assertRetentionMetered(Configuration configuration) {
        try (HostCloneServer server = HostCloneServer.start(configuration)) {
            String metrics = Scrape.of(EndToEndScenarios.clientOf(server, EndToEndScenarios.ADMIN)).text();

            // the first round is a minute away: every series there, at nothing yet
            assertThat(metrics.lines()).contains(DELETED + " 0.0",
                    "hostclone_audit_retention_rounds_total{outcome=\"ok\"} 0.0",
                    "hostclone_audit_retention_rounds_total{outcome=\"failed\"} 0.0",
                    "hostclone_audit_retention_last_success_timestamp_seconds 0.0");
        }
    }
}
