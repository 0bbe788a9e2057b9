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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
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

        assertThat(outcome).isEqualTo(new Migrations.Outcome("8", 8, true));
        assertThat(history(settings)).isEqualTo(Migrations.expectedHistory());
    }

    @Test
    void givenADatabaseMigratedByFlywaysOwnScan_whenMigratedAgain_thenNothingIsPendingOrChanged() throws SQLException {
        PgSettings settings = TestPostgres.emptyDatabase();
        // as starts did before the scripts were handed to Flyway: its scan of the classpath finds them
        Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations(Migrations.SQL_LOCATION)
                .javaMigrations(Migrations.javaMigrations().toArray(JavaMigration[]::new))
                .load()
                .migrate();

        Migrations.Outcome outcome = Migrations.apply(settings);

        assertThat(outcome).isEqualTo(new Migrations.Outcome("8", 0, true));
        assertThat(history(settings)).isEqualTo(Migrations.expectedHistory());
    }

    @Test
    void givenAFreshDatabase_whenTwoServersMigrateItAtOnce_thenOneAppliesEveryMigrationAndTheOtherNone() throws Exception {
        PgSettings settings = TestPostgres.emptyDatabase();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService servers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Migrations.Outcome>> outcomes = servers.invokeAll(List.of(
                    () -> migrateAfter(start, settings), () -> migrateAfter(start, settings)), 60, TimeUnit.SECONDS);

            List<Integer> applied = new ArrayList<>();
            for (Future<Migrations.Outcome> outcome : outcomes) {
                applied.add(outcome.get().migrationsApplied());
            }
            assertThat(applied).containsExactlyInAnyOrder(8, 0);
        } finally {
            servers.shutdownNow();
        }
        assertThat(history(settings)).isEqualTo(Migrations.expectedHistory());
    }

    @Test
    void givenTheExpectedHistory_whenAHistoryMatchesIt_thenTheSchemaIsCurrentWithoutFlyway() {
        List<HistoryRow> expected = Migrations.expectedHistory();

        assertThat(Migrations.withoutFlyway(expected, expected)).contains(new Migrations.Outcome("8", 0, false));
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
        newer.add(new HistoryRow("9", "From a newer build", "SQL", "V9__From_a_newer_build.sql", 9, true));

        assertThat(Stream.of(List.<HistoryRow>of(), pending, edited, failed, newer)
                .map(history -> Migrations.withoutFlyway(history, expected)))
                .allSatisfy(outcome -> assertThat(outcome).isEmpty());
    }

    /**
     * V7 reserves cloud area 1 for BlueKing's direct connecting area: a fresh database's first area is 2,
     * and so is one's after a RESTART; a database that made area 1 before keeps it and goes on from it.
     */
    @Test
    void givenDatabasesBeforeV7WithAndWithoutAreas_whenMigrated_thenNewAreasStartAtTwoAndAnAreaOneIsKept() throws SQLException {
        PgSettings unused = TestPostgres.emptyDatabase();
        PgSettings used = TestPostgres.emptyDatabase();
        for (PgSettings settings : List.of(unused, used)) {
            flywayUpTo(settings, "6").migrate();
        }
        try (Connection connection = TestPostgres.jdbc(used); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO cloud_area (bk_cloud_name, creator) VALUES ('made before', 'admin')");
        }

        Migrations.apply(unused);
        Migrations.apply(used);

        assertThat(TestPostgres.number(unused, "SELECT nextval('cloud_area_id_seq')")).isEqualTo(2);
        assertThat(TestPostgres.number(used, "SELECT bk_cloud_id FROM cloud_area WHERE bk_cloud_name = 'made before'"))
                .isEqualTo(1);
        assertThat(TestPostgres.number(used, "SELECT nextval('cloud_area_id_seq')")).isEqualTo(2);
        try (Connection connection = TestPostgres.jdbc(unused); Statement statement = connection.createStatement()) {
            statement.execute("ALTER SEQUENCE cloud_area_id_seq RESTART");
        }
        assertThat(TestPostgres.number(unused, "SELECT nextval('cloud_area_id_seq')")).as("after a restart").isEqualTo(2);
    }

    private static Flyway flywayUpTo(PgSettings settings, String version) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations(Migrations.SQL_LOCATION)
                .javaMigrations(Migrations.javaMigrations().toArray(JavaMigration[]::new))
                .target(version)
                .load();
    }

    private static Migrations.Outcome migrateAfter(CyclicBarrier start, PgSettings settings) throws Exception {
        start.await(30, TimeUnit.SECONDS);
        return Migrations.apply(settings);
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
