package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Handing a database's tables over to the role a server connects as: what the embedded storage does
 * at the first start of a cluster whose tables the superuser owns.
 */
class PostgresAccessTest {

    /** Roles are the whole cluster's, which every test of this JVM shares: a name each. */
    private static final AtomicInteger ROLES = new AtomicInteger();

    @Test
    void givenTablesAndSequencesTheSuperuserOwns_whenHandedOver_thenTheRoleOwnsEachAndMayDoNothingElse() throws SQLException {
        PgSettings settings = TestPostgres.emptyDatabase();
        String role = "handed_" + ROLES.incrementAndGet();
        try (Connection superuser = TestPostgres.superuserJdbc(settings); Statement statement = superuser.createStatement()) {
            statement.execute("CREATE TABLE serial_keyed (id bigserial PRIMARY KEY, name text)");
            statement.execute("CREATE TABLE identity_keyed (id bigint GENERATED ALWAYS AS IDENTITY, name text)");
            statement.execute("CREATE SEQUENCE standalone");
            statement.execute("CREATE SEQUENCE owned_elsewhere OWNED BY identity_keyed.name");
            statement.execute("INSERT INTO serial_keyed (name) VALUES ('kept')");

            PostgresAccess.handOver(TestPostgres.superuserDataSource(settings), role, "first");

            assertThat(TestPostgres.column(superuser, "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")).containsExactly(role);
            assertThat(TestPostgres.column(superuser, "SELECT concat_ws(' ', rolsuper, rolcreatedb, rolcreaterole, rolreplication,"
                    + " rolbypassrls, rolcanlogin, left(rolpassword, 14)) FROM pg_authid WHERE rolname = '" + role + "'"))
                    .containsExactly("f f f f f t SCRAM-SHA-256$");
            assertThat(TestPostgres.column(superuser, "SELECT has_schema_privilege('" + role + "', 'public', 'CREATE')"))
                    .containsExactly("t");
            assertThat(TestPostgres.column(superuser, "SELECT name FROM serial_keyed")).containsExactly("kept");
        }
    }

    @Test
    void givenTheTablesHandedOverOnce_whenHandedOverAgain_thenOnlyThePasswordChanges() throws SQLException {
        PgSettings settings = TestPostgres.emptyDatabase();
        String role = "handed_" + ROLES.incrementAndGet();
        DataSource superuserSource = TestPostgres.superuserDataSource(settings);
        try (Connection superuser = TestPostgres.superuserJdbc(settings); Statement statement = superuser.createStatement()) {
            statement.execute("CREATE TABLE kept (id bigserial PRIMARY KEY)");
            PostgresAccess.handOver(superuserSource, role, "first");
            List<String> first = TestPostgres.column(superuser, "SELECT rolpassword FROM pg_authid WHERE rolname = '" + role + "'");

            PostgresAccess.handOver(superuserSource, role, "second");

            assertThat(TestPostgres.column(superuser, "SELECT rolpassword FROM pg_authid WHERE rolname = '" + role + "'"))
                    .hasSize(1).doesNotContainAnyElementsOf(first);
            assertThat(TestPostgres.column(superuser, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'kept'"))
                    .containsExactly(role);
        }
    }

    @Test
    void givenARoleNameThatWouldNeedQuoting_whenHandedOver_thenRefusedBeforeAnyStatement() throws SQLException {
        PgSettings settings = TestPostgres.emptyDatabase();
        String role = "x'; DROP TABLE kept; --";
        try (Connection superuser = TestPostgres.superuserJdbc(settings); Statement statement = superuser.createStatement()) {
            statement.execute("CREATE TABLE kept (id bigint)");

            assertThatThrownBy(() -> PostgresAccess.handOver(TestPostgres.superuserDataSource(settings), role, "pw"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a role to hand the schema over to is a plain lower-case name: " + role);
            assertThat(TestPostgres.column(superuser, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'kept'"))
                    .containsExactly("postgres");
        }
    }

}
