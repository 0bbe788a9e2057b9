package dev.hostclone.adapter.persistence.postgres;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the current version with Flyway: SQL migrations from
 * {@code db/migration}, Java migrations registered here by hand (no classpath scanning for them).
 * Blocking JDBC: run it off the event loop. Flyway's advisory lock lets several servers start at once.
 * The pending migrations apply in one transaction: all or none, so a start that fails midway leaves
 * the schema as it found it, and a new database pays one commit, not one per migration.
 */
final class Migrations {

    static final String SQL_LOCATION = "classpath:db/migration";
    /** Whether a schema version ($1) is recorded as successfully applied, in Flyway's default history table. */
    static final String IS_APPLIED_SQL =
            "SELECT EXISTS (SELECT 1 FROM flyway_schema_history WHERE success AND version = $1)";

    private Migrations() {
    }

    static MigrateResult apply(PgSettings settings) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations(SQL_LOCATION)
                .javaMigrations(new V2__Seed_host_model())
                .cleanDisabled(true)
                .group(true)
                .load();
        return flyway.migrate();
    }
}
