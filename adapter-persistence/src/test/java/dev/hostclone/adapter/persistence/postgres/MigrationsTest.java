package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.postgres.TestPostgres.CURRENT_VERSION;
import static dev.hostclone.adapter.persistence.postgres.TestPostgres.NEWER_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.adapter.persistence.postgres.Migrations.HistoryRow;
import dev.hostclone.domain.model.UniqueKey;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
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

        assertThat(outcome).isEqualTo(new Migrations.Outcome(CURRENT_VERSION, TestPostgres.SCHEMA_VERSION, true));
        assertThat(history(settings)).isEqualTo(Migrations.expectedHistory());
    }

    /** A fresh database's rules, seeded with the built-in attributes, were made when those were. */
    @Test
    void givenAFreshDatabase_whenMigrated_thenEverySeededRuleWasMadeWithTheBuiltInAttributes() throws SQLException {
        PgSettings settings = TestPostgres.emptyDatabase();

        Migrations.apply(settings);

        try (Connection connection = TestPostgres.jdbc(settings)) {
            assertThat(TestPostgres.column(connection, "SELECT DISTINCT r.last_time = a.create_time FROM host_unique_rule r,"
                    + " host_attribute a WHERE a.builtin")).containsExactly("t");
        }
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

        assertThat(outcome).isEqualTo(new Migrations.Outcome(CURRENT_VERSION, 0, true));
        assertThat(history(settings)).isEqualTo(Migrations.expectedHistory());
    }

    /**
     * A server started beside one running a long upgrade waits for its lock as long as its own start may, up to a day:
     * Flyway's default gave up after 50 tries a second apart, whatever HOSTCLONE_START_TIMEOUT said. A finite count,
     * not Flyway's "without end", which every Flyway of the JVM shares. Waiting 50 s to see it is no test's to do;
     * the count is what decides it.
     */
    @Test
    void givenTheConfiguration_whenFlywaysLockIsHeldElsewhere_thenItIsWaitedForADayOfTries() {
        PgSettings settings = PgSettings.fromUrl("postgresql://hc@db/hostclone");

        assertThat(Migrations.configuration(settings).getLockRetryCount()).isEqualTo(86_400);
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
            assertThat(applied).containsExactlyInAnyOrder(TestPostgres.SCHEMA_VERSION, 0);
        } finally {
            servers.shutdownNow();
        }
        assertThat(history(settings)).isEqualTo(Migrations.expectedHistory());
    }

    /**
     * A migration that must wait for a table another session holds (an operator's transaction left open, a server of an
     * older build mid-write) gives up after the store timeout, as the store's own lock waits do: waiting on, it held up
     * every later reader of that table, the running servers' requests among them, for as long as the holder took.
     * Nothing of the group is applied, and the next start tries again. Here V6, which locks {@code host_inner_ip}
     * whole.
     */
    @Test
    void givenATableAnotherSessionHolds_whenAMigrationMustLockIt_thenItGivesUpAfterTheStoreTimeoutApplyingNothing()
            throws Exception {
        PgSettings settings = TestPostgres.emptyDatabase().withTimeout(Duration.ofSeconds(1));
        flywayUpTo(settings, "5").migrate();
        ExecutorService server = Executors.newSingleThreadExecutor();
        try (Connection holder = TestPostgres.jdbc(settings); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("SELECT count(*) FROM host_inner_ip");

            Future<Migrations.Outcome> migrating = server.submit(() -> Migrations.apply(settings));

            assertThatThrownBy(() -> migrating.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .rootCause().hasMessageContaining("canceling statement due to lock timeout");
            holder.rollback();
        } finally {
            server.shutdownNow();
        }
        assertThat(history(settings)).last().extracting(HistoryRow::version).isEqualTo("5");
    }

    @Test
    void givenTheExpectedHistory_whenAHistoryMatchesIt_thenTheSchemaIsCurrentWithoutFlyway() {
        List<HistoryRow> expected = Migrations.expectedHistory();

        assertThat(Migrations.withoutFlyway(expected, expected))
                .contains(new Migrations.Outcome(CURRENT_VERSION, 0, false));
    }

    @Test
    void givenAHistoryDifferingInAnyWay_whenComparedWithTheExpectedOne_thenFlywayDecides() {
        List<HistoryRow> expected = Migrations.expectedHistory();
        HistoryRow last = expected.get(expected.size() - 1);
        List<HistoryRow> pending = expected.subList(0, expected.size() - 1);
        List<HistoryRow> edited = new ArrayList<>(pending);
        edited.add(new HistoryRow(last.version(), last.description(), last.type(), last.script(),
                Objects.requireNonNullElse(last.checksum(), 0) + 1, true));
        List<HistoryRow> failed = new ArrayList<>(pending);
        failed.add(new HistoryRow(last.version(), last.description(), last.type(), last.script(), last.checksum(), false));
        List<HistoryRow> newer = new ArrayList<>(expected);
        newer.add(new HistoryRow(NEWER_VERSION, "From a newer build", "SQL",
                "V" + NEWER_VERSION + "__From_a_newer_build.sql", 1, true));

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

    /**
     * V9 rewrites the keys whose text changed: a comma is escaped now, and a text holding the escape
     * wrote, before V9, the text another host's comma writes now. Keys that read the same stay untouched.
     */
    @Test
    void givenKeysStoredBeforeV9_whenMigrated_thenTheirTextsAreTheUnambiguousOnesAndPlainKeysStayUntouched()
            throws SQLException {
        PgSettings settings = TestPostgres.emptyDatabase();
        flywayUpTo(settings, "8").migrate();
        String comma = "a,b";
        String escaped = "a\u001b,b";
        try (Connection connection = TestPostgres.jdbc(settings)) {
            storeBeforeV9(connection, 1, "10.0.0.1", comma);
            storeBeforeV9(connection, 2, "10.0.0.2", escaped);
        }
        List<String> addressesBefore = addressKeyVersions(settings);

        Migrations.apply(settings);

        assertThat(keyRows(settings)).containsExactly(
                keyRow(1, List.of("10.0.0.1", 0L), 1), keyRow(1, List.of("10.0.0.2", 0L), 2),
                keyRow(3, List.of(comma), 1), keyRow(3, List.of(escaped), 2));
        assertThat(addressKeyVersions(settings)).as("the address keys' row versions").isEqualTo(addressesBefore);
    }

    /**
     * V10 gives each rule made before it the earliest time it can have been made: that of its newest key attribute or
     * of the rule before it, whichever is later. The seeded rules get their model's time, a rule over a field made
     * later that field's, and so does every rule after it; a server of an earlier version, which names no time, makes
     * a rule at the time of its insert.
     */
    @Test
    void givenRulesMadeBeforeV10_whenMigrated_thenEachTakesTheEarliestTimeItCanHaveBeenMade() throws SQLException {
        PgSettings settings = TestPostgres.emptyDatabase();
        flywayUpTo(settings, "9").migrate();
        long seededRules;
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            seededRules = TestPostgres.number(connection, "SELECT count(*) FROM host_unique_rule");
            statement.execute("INSERT INTO host_attribute (id, bk_property_id, bk_property_name, bk_property_name_en,"
                    + " bk_property_group, bk_property_type, editable, builtin, bk_issystem, bk_isapi, isreadonly, unit,"
                    + " placeholder, creator, create_time) VALUES (100, 'rack', 'Rack', 'Rack', 'default', 'singlechar',"
                    + " true, false, false, false, false, '', '', 'admin',"
                    + " (SELECT max(create_time) FROM host_attribute) + interval '1 day 00:00:00.000123')");
            statement.execute("INSERT INTO host_unique_rule (id, key_attribute_ids, builtin, static_addressing_only) VALUES"
                    + " (49, ARRAY[(SELECT id FROM host_attribute WHERE bk_property_id = 'bk_sn')], false, false),"
                    + " (50, ARRAY[100], false, false),"
                    + " (51, ARRAY[(SELECT id FROM host_attribute WHERE bk_property_id = 'bk_sn'), 100], false, false),"
                    + " (52, ARRAY[(SELECT id FROM host_attribute WHERE bk_property_id = 'bk_asset_id')], false, false),"
                    + " (53, ARRAY[999], false, false)");
        }

        Migrations.apply(settings);

        try (Connection connection = TestPostgres.jdbc(settings)) {
            String seeded = TestPostgres.column(connection,
                    "SELECT (create_time AT TIME ZONE 'UTC')::text FROM host_attribute WHERE id = 1").get(0);
            String rack = TestPostgres.column(connection,
                    "SELECT (create_time AT TIME ZONE 'UTC')::text FROM host_attribute WHERE id = 100").get(0);
            assertThat(TestPostgres.column(connection, "SELECT id || ' ' || (last_time AT TIME ZONE 'UTC')"
                    + " FROM host_unique_rule ORDER BY id"))
                    .containsExactlyElementsOf(Stream.concat(
                            LongStream.rangeClosed(1, seededRules).mapToObj(id -> id + " " + seeded),
                            Stream.of("49 " + seeded, "50 " + rack, "51 " + rack, "52 " + rack, "53 " + rack))
                            .toList());
            connection.setAutoCommit(false);
            assertThat(TestPostgres.column(connection, "INSERT INTO host_unique_rule (key_attribute_ids, builtin,"
                    + " static_addressing_only) VALUES (ARRAY[100], false, false) RETURNING last_time = now()"))
                    .as("made by an earlier version").containsExactly("t");
            connection.rollback();
        }
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

    /** A static host in area 0 with an inner IP and an agent id, and its two keys as V1 to V8 wrote them. */
    private static void storeBeforeV9(Connection connection, long hostId, String ip, String agentId) throws SQLException {
        try (PreparedStatement host = connection.prepareStatement(
                "INSERT INTO host (bk_host_id, bk_biz_id, version, doc) VALUES (?, 1, 1, ?::jsonb)")) {
            host.setLong(1, hostId);
            host.setString(2, JsonText.write(Map.of("bk_host_id", hostId, "bk_host_innerip", ip, "bk_cloud_id", 0L,
                    "bk_addressing", "static", "bk_agent_id", agentId)));
            host.executeUpdate();
        }
        try (PreparedStatement key = connection.prepareStatement("INSERT INTO host_unique_key"
                + " (rule_id, key_hash, key_text, bk_host_id) VALUES (?, sha256(convert_to(?, 'UTF8')), ?, ?)")) {
            for (String text : List.of("1\u001f" + ip + "\u001f0", "3\u001f" + agentId)) {
                key.setLong(1, text.charAt(0) - '0');
                key.setString(2, text);
                key.setString(3, text);
                key.setLong(4, hostId);
                key.executeUpdate();
            }
        }
    }

    private static String keyRow(long ruleId, List<Object> values, long hostId) {
        return ruleId + " " + UniqueKey.of(ruleId, List.of(), values).text() + " " + hostId + " true";
    }

    /** Each key row as rule, text, host and whether its hash is its text's, in that order. */
    private static List<String> keyRows(PgSettings settings) throws SQLException {
        try (Connection connection = TestPostgres.jdbc(settings)) {
            return TestPostgres.column(connection, "SELECT rule_id || ' ' || key_text || ' ' || bk_host_id || ' '"
                    + " || (key_hash = sha256(convert_to(key_text, 'UTF8'))) FROM host_unique_key ORDER BY rule_id, bk_host_id");
        }
    }

    /** The row versions ({@code xmin}) of the address rule's keys, by host. */
    private static List<String> addressKeyVersions(PgSettings settings) throws SQLException {
        try (Connection connection = TestPostgres.jdbc(settings)) {
            return TestPostgres.column(connection, "SELECT xmin::text FROM host_unique_key WHERE rule_id = 1 ORDER BY bk_host_id");
        }
    }
}
