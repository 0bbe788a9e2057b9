package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.postgres.Migrations.HistoryRow;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The history a start compares with, held to what Flyway itself does and writes. */
class MigrationsTest {

    @Test
    void givenTheMigrationFolder_whenListingItsScripts_thenEachIsInTheListTheStartChecks() throws IOException, URISyntaxException {
        Path folder = Path.of(Migrations.class.getClassLoader().getResource("db/migration").toURI());

        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Migrations.SQL_SCRIPTS);
        }
    }

    @Test
    void givenAFreshDatabase_whenFlywayMigratesIt_thenItsHistoryIsExactlyTheExpectedOne() throws SQLException {
        PgSettings settings = TestPostgres.emptyDatabase();

        Migrations.Outcome outcome = Migrations.apply(settings);

        assertThat(outcome).isEqualTo(new Migrations.Outcome("6", 6, true));
        assertThat(history(settings)).isEqualTo(Migrations.expectedHistory());
    }

    @Test
    void givenTheExpectedHistory_whenAHistoryMatchesIt_thenTheSchemaIsCurrentWithoutFlyway() {
        List<HistoryRow> expected = Migrations.expectedHistory();

        assertThat(Migrations.withoutFlyway(expected, expected)).contains(new Migrations.Outcome("6", 0, false));
    }

    @Test
    void givenAHistoryDifferingInAnyWay_whenComparedWithTheExpectedOne_thenFlywayDecides() {
        List<HistoryRow> expected = Migrations.expectedHistory();
        HistoryRow last = expected.get(expected.size() - 1);
        List<HistoryRow> pending = expected.subList(0, expected.size() - 1);
        List<HistoryRow> edited = new ArrayList<>(pending);
        edited.add(new HistoryRow(last.version(), last.description(), last.type(), last.script(), last.checksum() + 1, true));
        List<HistoryRow> failed = new ArrayList<>(pending);
        failed.add(new HistoryRow(last.version(), last.description(), last.type(), last.script(), last.checksum(), false));
        List<HistoryRow> newer = new ArrayList<>(expected);
        newer.add(new HistoryRow("7", "From a newer build", "SQL", "V7__From_a_newer_build.sql", 7, true));

        assertThat(Stream.of(List.<HistoryRow>of(), pending, edited, failed, newer)
                .map(history -> Migrations.withoutFlyway(history, expected)))
                .allSatisfy(outcome -> assertThat(outcome).isEmpty());
    }

    private static List<HistoryRow> history(PgSettings settings) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement();
             ResultSet read = statement.executeQuery(Migrations.HISTORY_SQL)) {
            while (read.next()) {
                rows.add(new HistoryRow(read.getString("version"), read.getString("description"), read.getString("type"),
                        read.getString("script"), (Integer) read.getObject("checksum"), read.getBoolean("success")));
            }
        }
        return rows;
    }
}
