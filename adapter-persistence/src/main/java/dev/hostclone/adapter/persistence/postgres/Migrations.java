package dev.hostclone.adapter.persistence.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Brings the schema to the current version with Flyway: SQL migrations from
 * {@code db/migration}, Java migrations registered here by hand (no classpath scanning for them).
 * Blocking JDBC: run it off the event loop. Flyway's advisory lock lets several servers start at once.
 * The pending migrations apply in one transaction: all or none, so a start that fails midway leaves
 * the schema as it found it, and a new database pays one commit, not one per migration.
 *
 * <p>Flyway is the only thing that changes the schema, but a start need not load it when there is
 * nothing for it to do: {@link #expectedHistory()} is the history table exactly as this code's
 * migrations leave it, checksums as Flyway computes them, and a database whose history reads the
 * same has every migration applied, none changed since and none unknown. Any other history (a
 * fresh database, a pending or edited migration, a newer server's, a failed row) goes to Flyway,
 * which migrates or refuses as it always does. A test holds the list to what Flyway itself writes.
 */
final class Migrations {

    static final String SQL_LOCATION = "classpath:db/migration";
    /** This code's SQL migrations in {@link #SQL_LOCATION}; a test holds the list to the folder. */
    static final List<String> SQL_SCRIPTS = List.of(
            "V1__schema.sql",
            "V3__Searches_and_cloud_area_properties.sql",
            "V4__Audit_payload_without_statistics.sql",
            "V5__Cheaper_audit_analyze_and_room_for_hot_host_updates.sql",
            "V6__Inner_ip_index_led_by_the_address.sql",
            "V7__Cloud_area_ids_from_two.sql",
            "V8__Attribute_description_index_and_default.sql",
            "V10__Unique_rule_last_time.sql");
    /**
     * HostClone's own tables, in the schema it migrates: those this code's migrations create, and Flyway's
     * history of them, which HostClone's start creates too and which grows with its migrations alone. Not a
     * table that an operator or another tool made beside them. {@code PostgresTablesTest} holds the list to
     * the tables a migrated database has.
     */
    static final List<String> TABLES = List.of("app", "audit_record", "business", "cloud_area", "flyway_schema_history",
            "host", "host_attribute", "host_inner_ip", "host_model_state", "host_unique_key", "host_unique_rule");
    /**
     * Whether Flyway's history table exists, found as {@link #HISTORY_SQL} would find it (the search
     * path). Asked first, so that a fresh database's start sends no statement bound to fail: each
     * would be an ERROR in PostgreSQL's log.
     */
    static final String HISTORY_EXISTS_SQL = "SELECT to_regclass('flyway_schema_history') IS NOT NULL AS present";
    /** Flyway's history, in the order it applied the migrations. */
    static final String HISTORY_SQL = "SELECT version, description, type, script, checksum, success"
            + " FROM flyway_schema_history ORDER BY installed_rank";
    /** Whether a schema version ($1) is recorded as successfully applied, in Flyway's default history table. */
    static final String IS_APPLIED_SQL =
            "SELECT EXISTS (SELECT 1 FROM flyway_schema_history WHERE success AND version = $1)";

    /**
     * Flyway's {@code lockRetryCount}: its lock is tried each second for a day, no shorter than any start bound a
     * server takes ({@code HOSTCLONE_START_TIMEOUT} up to 86,400 s). Not Flyway's "without end" (a negative count):
     * Flyway keeps that in a static every Flyway of the JVM reads on each try, so an embedding application's own
     * Flyway setting its count would end this wait, or this would lift the bound off its own.
     */
    static final int LOCK_TRIES = 86_400;
    private static final String SQL_FOLDER = "db/migration/";
    private static final String SQL_PREFIX = "V";
    private static final String SEPARATOR = "__";
    private static final String SQL_SUFFIX = ".sql";

    /** One row of Flyway's history table, as far as validation compares it. */
    record HistoryRow(String version, String description, String type, String script, Integer checksum,
                      boolean success) {
    }

    /** The schema a start leaves, and whether Flyway had to be run for it. */
    record Outcome(String schemaVersion, int migrationsApplied, boolean flywayRan) {

        static Outcome of(MigrateResult result) {
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            return new Outcome(version, result.migrationsExecuted, true);
        }
    }

    private Migrations() {
    }

    /**
     * Flyway's migrate: applies what is pending, after validating what was applied before.
     *
     * <p>Flyway is handed this code's migrations rather than left to find them: its classpath scan
     * reads every entry of the server's jar (tens of thousands) to find a few scripts. And it takes its
     * advisory lock for the session rather than for the migration's transaction, which lets it do
     * all its work on one connection: with the transactional lock it logs in a second time, for the
     * migrations alone. A lock held for the session is released when Flyway is done, or by
     * PostgreSQL when the connection ends, a killed server's included.
     *
     * <p>A table lock that another session holds is waited for as long as the store timeout, then the
     * migration fails, nothing of its group applied, for the next start to try again.
     */
    static Outcome apply(PgSettings settings) {
        return Outcome.of(configuration(settings).load().migrate());
    }

    /**
     * Flyway's configuration for {@link #apply}. Its advisory lock, held by another server migrating the same
     * database, is waited for up to a day ({@link #LOCK_TRIES}): a server's start gives up on its own bound
     * ({@code HOSTCLONE_START_TIMEOUT}) first, an embedding application on its own. Flyway's default gave up
     * after 50 tries, so that until 2026-12-08 every server started beside one running a long upgrade exited
     * after 50 s whatever its start timeout, told to set a {@code lockRetryCount} HostClone has no setting for.
     */
    static FluentConfiguration configuration(PgSettings settings) {
        FluentConfiguration configuration = Flyway.configure(Migrations.class.getClassLoader());
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration
                // before the data source, which Flyway may make as soon as it has the URL
                .jdbcProperties(jdbcProperties(settings))
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations(SQL_LOCATION)
                .resourceProvider(new Scripts())
                .javaMigrationClassProvider(List::of)
                .javaMigrations(javaMigrations().toArray(JavaMigration[]::new))
                .cleanDisabled(true)
                .group(true)
                .lockRetryCount(LOCK_TRIES);
    }

    /**
     * The driver's properties for Flyway's session: the TLS client key's password, if any, and PostgreSQL's
     * {@code lock_timeout}, set as the session starts: a lock another session holds is waited for no longer than the
     * store waits for one, since waiting on, the migration would hold up every later reader of that table, the running
     * servers' requests among them. (Flyway's {@code initSql} would run a statement for it, and is deprecated.)
     */
    private static Map<String, String> jdbcProperties(PgSettings settings) {
        Map<String, String> properties = new HashMap<>(settings.tls().jdbcSecretProperties());
        properties.put("options", "-c lock_timeout=" + settings.timeout().toMillis());
        return properties;
    }

    /**
     * Whether the schema is at a version newer than this code's newest migration: a build rolled back onto a
     * database a newer one migrated, which Flyway lets serve (its {@code *:future}) with a warning of its own
     * only. Reads no script.
     */
    static boolean isNewerThanThisBuild(String schemaVersion) {
        if (schemaVersion == null) {
            return false;
        }
        MigrationVersion newest = SQL_SCRIPTS.stream()
                .map(Migrations::versionOf)
                .reduce(MigrationVersion.EMPTY, (one, other) -> one.isNewerThan(other) ? one : other);
        for (JavaMigration migration : javaMigrations()) {
            newest = migration.getVersion().isNewerThan(newest) ? migration.getVersion() : newest;
        }
        return MigrationVersion.fromVersion(schemaVersion).isNewerThan(newest);
    }

    /** The version an SQL script's name gives it ({@code V10__…sql}: 10). */
    private static MigrationVersion versionOf(String script) {
        return MigrationVersion.fromVersion(script.substring(SQL_PREFIX.length(), script.indexOf(SEPARATOR)));
    }

    /** This code's Java migrations, registered with Flyway by hand. */
    static List<JavaMigration> javaMigrations() {
        return List.of(new V2__Seed_host_model(), new V9__Unambiguous_unique_key_texts());
    }

    /**
     * The history table once every migration of this code is applied, in version order; each SQL
     * script's checksum from Flyway's own calculator, over the script as Flyway reads it (UTF-8). The
     * calculator is internal to Flyway: should an upgrade compute checksums otherwise, starts would
     * only fall back to Flyway, and {@code MigrationsTest} fails. Reads the scripts: call it off the
     * event loop.
     */
    static List<HistoryRow> expectedHistory() {
        record Applied(MigrationVersion version, HistoryRow row) {
        }
        List<Applied> applied = new ArrayList<>();
        for (String script : SQL_SCRIPTS) {
            String name = script.substring(SQL_PREFIX.length(), script.length() - SQL_SUFFIX.length());
            MigrationVersion version = versionOf(script);
            String description = name.substring(name.indexOf(SEPARATOR) + SEPARATOR.length()).replace('_', ' ');
            int checksum = ChecksumCalculator.calculate(new ClasspathScript(script));
            applied.add(new Applied(version,
                    new HistoryRow(version.getVersion(), description, "SQL", script, checksum, true)));
        }
        for (JavaMigration migration : javaMigrations()) {
            HistoryRow row = new HistoryRow(migration.getVersion().getVersion(), migration.getDescription(), "JDBC",
                    migration.getClass().getName(), migration.getChecksum(), true);
            applied.add(new Applied(migration.getVersion(), row));
        }
        return applied.stream().sorted(Comparator.comparing(Applied::version)).map(Applied::row).toList();
    }

    /**
     * The schema as a start finds it when {@code history} is exactly {@code expected}: every migration
     * applied, nothing for Flyway to do. Empty for any other history: Flyway's to judge.
     */
    static Optional<Outcome> withoutFlyway(List<HistoryRow> history, List<HistoryRow> expected) {
        if (expected.isEmpty() || !history.equals(expected)) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(expected.get(expected.size() - 1).version(), 0, false));
    }

    /**
     * This code's SQL migrations, as Flyway's classpath scan of {@link #SQL_LOCATION} finds them: by
     * file name, each prefix and suffix Flyway asks for (a migration's, a callback's) matched against
     * {@link #SQL_SCRIPTS}.
     */
    private static final class Scripts implements ResourceProvider {

        @Override
        public LoadableResource getResource(String name) {
            return SQL_SCRIPTS.contains(name) ? new ClasspathScript(name) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return SQL_SCRIPTS.stream()
                    .filter(script -> script.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(script::endsWith))
                    .<LoadableResource>map(ClasspathScript::new)
                    .toList();
        }
    }

    /** A migration script read from this class's loader, as Flyway's classpath scan finds one. */
    private static final class ClasspathScript extends LoadableResource {

        private final String filename;

        ClasspathScript(String filename) {
            this.filename = filename;
        }

        @Override
        public Reader read() {
            InputStream in = Migrations.class.getClassLoader().getResourceAsStream(SQL_FOLDER + filename);
            if (in == null) {
                throw new UncheckedIOException(new IOException("migration " + SQL_FOLDER + filename + " is missing"));
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return SQL_FOLDER + filename;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return null;
        }

        @Override
        public String getFilename() {
            return filename;
        }

        /** Relative to {@link #SQL_LOCATION}, as the scan has it: the history's {@code script}. */
        @Override
        public String getRelativePath() {
            return filename;
        }
    }
}
