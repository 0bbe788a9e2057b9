package dev.hostclone.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.hostclone.adapter.http.HttpApi;
import dev.hostclone.adapter.http.HttpSettings;
import dev.hostclone.adapter.http.RunningHttpServer;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.metrics.LatencyBuckets;
import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.adapter.persistence.memory.AuditRetention;
import dev.hostclone.adapter.persistence.memory.MemoryStore;
import dev.hostclone.adapter.persistence.postgres.PostgresStore;
import dev.hostclone.application.port.out.RegisterAppPort;
import dev.hostclone.application.port.out.RemoveAppsPort;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.Storage;
import dev.hostclone.bootstrap.metrics.Metrics;
import dev.hostclone.bootstrap.metrics.StaleWriteMeters;
import dev.hostclone.bootstrap.metrics.StoreMeters;
import dev.hostclone.bootstrap.metrics.TableSizeMeters;
import dev.hostclone.bootstrap.retention.AuditPruning;
import dev.hostclone.bootstrap.store.ClosingStep;
import dev.hostclone.bootstrap.store.OpenStore;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server: one Vert.x instance and one meter registry, the configured store, the use
 * cases, the HTTP API (with {@code /healthz}, {@code /readyz} and {@code /metrics}).
 * {@link #start} returns once the server listens; {@link #close} stops it in reverse order.
 */
public final class HostCloneServer implements AutoCloseable {

    /** The app created when none is configured; its random secret is printed once at start. */
    public static final String DEFAULT_APP = "hostclone";

    private static final Logger LOG = LoggerFactory.getLogger(HostCloneServer.class);
    /** How long a start waits to listen. */
    private static final long LISTEN_SECONDS = 30;
    /**
     * What a stop keeps for Vert.x's close at its end (a quarter of the store timeout, if less): once an
     * embedded PostgreSQL is stopped, or killed, no connection holds it up (under 40 ms from the kill to the end, here).
     */
    private static final long VERTX_STOP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Vertx vertx;
    private final OpenStore store;
    private final RunningHttpServer http;
    private final Configuration configuration;
    private final JvmGcMetrics gcMeters;
    private final Optional<TableSizeMeters> tableSizes;
    private final Optional<AuditPruning> auditPruning;

    private HostCloneServer(Vertx vertx, OpenStore store, RunningHttpServer http, Configuration configuration,
                            JvmGcMetrics gcMeters, Optional<TableSizeMeters> tableSizes,
                            Optional<AuditPruning> auditPruning) {
        this.vertx = vertx;
        this.store = store;
        this.http = http;
        this.configuration = configuration;
        this.gcMeters = gcMeters;
        this.tableSizes = tableSizes;
        this.auditPruning = auditPruning;
    }

    /**
     * Starts the server and returns once it listens. Three threads share the work: one opens the store
     * (on PostgreSQL: connects, migrates, opens the pool), one hashes the secrets given in clear
     * (PBKDF2, slow on purpose, slower still in a JVM just started), and this one builds the injector,
     * whose ports resolve once the store is open, then the HTTP API. The apps are registered as soon as both the
     * store and their hashes are ready, and the server listens only once they are, so no request
     * finds its app missing.
     */
    public static HostCloneServer start(Configuration configuration) {
        PrometheusMeterRegistry registry = Metrics.registry();
        JvmGcMetrics gcMeters = Metrics.bindJvmMeters(registry);
        Vertx vertx = Metrics.vertxReportingTo(registry, configuration.httpInstances());
        SecretChecks secretChecks = new SecretChecks();
        Metrics.bindSecretChecks(registry, secretChecks);
        Metrics.bindDroppedLogLines(registry);
        AuditRetention auditRetention = OpenStore.auditRetention(configuration);
        if (configuration.storage() == Storage.MEMORY) {
            Metrics.bindMemoryAudit(registry, auditRetention);
        }
        Map<String, String> apps = appsToRegister(configuration);
        CompletableFuture<Map<String, String>> hashing = CompletableFuture.supplyAsync(() -> hashed(apps, configuration),
                task -> new Thread(task, "hostclone-hash-secrets").start());
        CompletableFuture<OpenStore> opening = new CompletableFuture<>();
        // set as the default app is made, not when its registration ends: a registration that made it and then
        // failed (the removal of other apps refused, or timed out) left it kept, its secret never shown
        AtomicBoolean defaultAppMade = new AtomicBoolean();
        CompletableFuture<Void> registering = opening.thenCombine(hashing,
                (store, hashes) -> registerApps(configuration, hashes, store.adapter(RegisterAppPort.class),
                        store.adapter(RemoveAppsPort.class), defaultAppMade));
        new Thread(() -> openStore(configuration, vertx, secretChecks, auditRetention, opening), "hostclone-open-store")
                .start();
        try {
            HttpSettings settings = HttpSettings.of(configuration.httpHost(), configuration.httpPort())
                    .withDefaultLanguage(Language.fromTag(configuration.language()).orElse(Language.ZH_CN))
                    .withInstances(configuration.httpInstances())
                    .withLimits(configuration.requestLimits())
                    .withRateLimitPerSecond(configuration.rateLimitPerSecond())
                    .withIdleTimeoutSeconds(configuration.httpIdleTimeoutSeconds())
                    .withMaxConnections(configuration.httpMaxConnections())
                    .withRequestTimeoutSeconds(configuration.requestTimeoutSeconds())
                    .withTls(configuration.httpTls())
                    .withShutdownGraceSeconds(configuration.shutdownGraceSeconds())
                    .withTimeZone(configuration.timeZone());
            Injector injector = Guice.createInjector(
                    new ApplicationModule(configuration.administrators(), new StaleWriteMeters(registry)),
                    storageModule(configuration, () -> opening.join().adapters(), registry),
                    new HttpModule(vertx, settings, registry));
            OpenStore store = awaitUnbounded(opening);
            StorageModule.requireComplete(store.adapters());
            if (configuration.storage() == Storage.EMBEDDED) {
                // once the store is open: the directory exists
                Metrics.bindDataDirectory(registry, configuration.dataDirectory());
            }
            if (configuration.storage() != Storage.MEMORY) {
                Metrics.bindRolledBackWrites(registry, store.adapter(PostgresStore.class).rolledBackWrites());
            }
            HttpApi api = injector.getInstance(HttpApi.class);
            awaitUnbounded(registering);
            RunningHttpServer http = listen(api, configuration);
            if (defaultAppMade.get()) {
                showCreatedApp(apps.get(DEFAULT_APP));
            }
            LOG.info("HostClone listening on {}://{}:{} ({} HTTP instances; storage: {})",
                    scheme(configuration), configuration.httpHost(), http.port(),
                    configuration.httpInstances(), store.description());
            return new HostCloneServer(vertx, store, http, configuration, gcMeters, tableSizeMeters(configuration, store,
                    vertx, registry), auditPruning(configuration, store, vertx, registry));
        } catch (RuntimeException | Error e) {
            // an Error too (a StackOverflowError, a library's ServiceConfigurationError): Vert.x's event loops are no
            // daemons, and left open they kept a JVM that serves nothing from exiting
            // let the store's opening and the registration under way finish (or fail) before the store closes
            registering.exceptionally(failure -> null).join();
            OpenStore store = opening.exceptionally(failure -> null).join();
            if (store != null) {
                if (defaultAppMade.get()) {
                    // made, so hashed: the hash it was made with
                    forgetUnshownApp(store.adapter(RemoveAppsPort.class), hashing.join().get(DEFAULT_APP),
                            configuration, e);
                }
                store.close();
            }
            vertx.close();
            gcMeters.close();
            throw e;
        }
    }

    /**
     * The storage ports, on PostgreSQL each timed into the registry ({@link StoreMeters}). On memory they
     * are not: every call takes microseconds, below the meter's first bucket, so the series would say
     * nothing, while recording four of them cost a clone about 0.5 µs of the 35-40 its server spends.
     */
    private static StorageModule storageModule(Configuration configuration, Supplier<List<Object>> adapters,
                                               PrometheusMeterRegistry registry) {
        StorageModule ports = new StorageModule(adapters);
        return configuration.storage() == Storage.MEMORY ? ports : ports.timedBy(new StoreMeters(registry, LatencyBuckets::on));
    }

    /** On PostgreSQL, embedded or external, the sizes of its tables, read from now on; memory has none. */
    private static Optional<TableSizeMeters> tableSizeMeters(Configuration configuration, OpenStore store, Vertx vertx,
                                                             PrometheusMeterRegistry registry) {
        if (configuration.storage() == Storage.MEMORY) {
            return Optional.empty();
        }
        return Optional.of(TableSizeMeters.start(vertx, registry, store.adapter(PostgresStore.class)::tableSizes,
                TableSizeMeters.EVERY));
    }

    /**
     * With {@code HOSTCLONE_AUDIT_RETENTION}, the audit records older than it deleted from now on: on PostgreSQL
     * by the store's batches, on memory forgotten as its count bound forgets them. Unset, none.
     */
    private static Optional<AuditPruning> auditPruning(Configuration configuration, OpenStore store, Vertx vertx,
                                                       PrometheusMeterRegistry registry) {
        if (configuration.auditRetention() == null) {
            return Optional.empty();
        }
        AuditPruning.OldRecords records = configuration.storage() == Storage.MEMORY
                ? store.adapter(MemoryStore.class)::forgetAuditRecordsBefore
                : store.adapter(PostgresStore.class)::deleteAuditRecordsBefore;
        return Optional.of(AuditPruning.start(vertx, registry, records, configuration.auditRetention(), new EventLoopClock(),
                AuditPruning.EVERY));
    }

    /** Starts the HTTP API; a failure names the address, which the socket's own error does not. */
    private static RunningHttpServer listen(HttpApi api, Configuration configuration) {
        try {
            return await(api.start().toCompletionStage().toCompletableFuture(), LISTEN_SECONDS, "listen", "");
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not listen on " + scheme(configuration) + "://"
                    + configuration.httpHost() + ":" + configuration.httpPort(), e);
        }
    }

    private static String scheme(Configuration configuration) {
        return configuration.httpTls() == null ? "http" : "https";
    }

    /** Opens the store on the calling thread, bounded by the store's own timeouts, and completes {@code opened} with it. */
    private static void openStore(Configuration configuration, Vertx vertx, SecretChecks secretChecks,
                                  AuditRetention auditRetention, CompletableFuture<OpenStore> opened) {
        try {
            opened.complete(OpenStore.open(configuration, vertx, secretChecks, auditRetention));
        } catch (RuntimeException | Error e) {
            // an Error too: the main thread awaits this future without a bound of its own
            opened.completeExceptionally(e);
        }
    }

    /**
     * Completes, saying what happened, if the store is lost for good while the server runs: its
     * embedded PostgreSQL ended. The server cannot serve again, and its owner should stop it ({@link Main}
     * exits, for its supervisor to start it again, which recovers the database).
     */
    public CompletionStage<String> storeLost() {
        return store.lost();
    }

    /** The port the server listens on (the one picked when configured with 0). */
    public int port() {
        return http.port();
    }

    /** The running HTTP server: its port and the APIs it serves. */
    public RunningHttpServer http() {
        return http;
    }

    public Configuration configuration() {
        return configuration;
    }

    /**
     * Stops the HTTP side (the requests in flight get the shutdown grace), then the store (an embedded
     * PostgreSQL stops with it), then Vert.x, all within the grace and three times the store timeout. Each
     * step runs even if one before it failed: a stuck HTTP close must not leave an embedded PostgreSQL
     * running on the data directory. Closing a connection to PostgreSQL waits for the database to close its
     * end, which one that has fallen silent never does; the HTTP side waits for that too (its event loops'
     * pools close with it), and so does Vert.x. So the HTTP side gets the grace and the store timeout, the
     * store's pools the store timeout, and one that overruns it is logged and left. An embedded PostgreSQL
     * gets what is left but a moment for Vert.x to stop, and is killed if it has not stopped by then (killed,
     * its connections close, and Vert.x with them); Vert.x gets the store timeout or what is left, if less, and its
     * close starts once the HTTP close has ended or half of that has passed, whichever comes first.
     */
    @Override
    public void close() {
        LOG.info("HostClone stopping: no new connections; requests in flight have {} s to be answered",
                configuration.shutdownGraceSeconds());
        long storeTimeout = configuration.storeTimeout().toNanos();
        long stopBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(configuration.shutdownGraceSeconds()) + 3 * storeTimeout;
        CompletionStage<Void> httpClosed = CompletableFuture.completedFuture(null);
        try {
            httpClosed = http.close().toCompletionStage();
            ClosingStep.awaitWithin(httpClosed, TimeUnit.SECONDS.toMillis(configuration.shutdownGraceSeconds())
                    + TimeUnit.NANOSECONDS.toMillis(storeTimeout), "the HTTP server");
        } finally {
            try {
                tableSizes.ifPresent(TableSizeMeters::close);
                auditPruning.ifPresent(AuditPruning::close);
                store.close(Duration.ofNanos(stopBy - System.nanoTime() - Math.min(VERTX_STOP_NANOS, storeTimeout / 4)));
            } finally {
                try {
                    long vertxWait = Math.max(0, Math.min(storeTimeout, stopBy - System.nanoTime()));
                    // Vert.x's close after the HTTP close has ended (one that overran ends as a killed PostgreSQL's
                    // connections close, 40 ms here), which it would otherwise undeploy again ("Undeploy failed" at
                    // ERROR); but no later than half its wait: a silent database that no one kills holds the HTTP
                    // close up for a quarter of an hour, and a Vert.x never closed runs on in a JVM that embeds us
                    awaitQuietly(httpClosed, vertxWait / 2);
                    ClosingStep.awaitWithin(vertx.close().toCompletionStage(), TimeUnit.NANOSECONDS.toMillis(
                            Math.max(0, Math.min(vertxWait, stopBy - System.nanoTime()))), "Vert.x");
                } finally {
                    gcMeters.close();
                }
            }
        }
        LOG.info("HostClone stopped");
    }

    /** Waits for {@code closing} at most {@code nanos}, whatever it ends in: a step already waited for and logged. */
    private static void awaitQuietly(CompletionStage<?> closing, long nanos) {
        try {
            closing.toCompletableFuture().get(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the HTTP close's wait has said so
        }
    }

    /** The configured apps, or the default app with a new random secret, to register if the store has none. */
    private static Map<String, String> appsToRegister(Configuration configuration) {
        Map<String, String> toRegister = new LinkedHashMap<>(configuration.apps());
        if (toRegister.isEmpty()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            toRegister.put(DEFAULT_APP, HexFormat.of().formatHex(random));
        }
        return toRegister;
    }

    /** Each app's code and the salted hash of its secret. */
    private static Map<String, String> hashed(Map<String, String> apps, Configuration configuration) {
        Map<String, String> hashes = new LinkedHashMap<>();
        apps.forEach((code, secret) -> hashes.put(code, hashOf(secret, configuration)));
        return hashes;
    }

    /**
     * A configured hash as it is; the default app's secret, drawn at random, by one iteration; a
     * configured secret by the slow hash (0.15–0.3 s of a JVM just started, on a small machine).
     */
    private static String hashOf(String secret, Configuration configuration) {
        if (SecretHashing.isHash(secret)) {
            return secret;
        }
        return configuration.apps().isEmpty() ? SecretHashing.hashRandom(secret) : SecretHashing.hash(secret);
    }

    /**
     * Registers the configured apps, replacing their secrets; without any, the default app unless an
     * earlier start on the same store made it, so that a restart keeps the secret it printed. Either
     * way the store keeps no other app: one taken out of {@code HOSTCLONE_APPS} can call no more.
     * Sets {@code defaultAppMade} as soon as it has made the default app.
     */
    private static Void registerApps(Configuration configuration, Map<String, String> hashes,
                                     RegisterAppPort registration, RemoveAppsPort removal, AtomicBoolean defaultAppMade) {
        if (!configuration.apps().isEmpty()) {
            hashes.forEach((code, hash) -> awaitStore(registration.registerApp(code, hash).toCompletableFuture(),
                    configuration, "register app '" + code + "'"));
            LOG.info("registered apps {}", hashes.keySet());
        } else {
            boolean created = awaitStore(registration.registerAppIfAbsent(DEFAULT_APP, hashes.get(DEFAULT_APP))
                    .toCompletableFuture(), configuration, "register app '" + DEFAULT_APP + "'");
            defaultAppMade.set(created);
            if (!created) {
                // no claim that its secret was shown: the start that made it may have been killed before it could
                LOG.info("kept app '{}', made by an earlier start on this store, which printed its secret once it served;"
                        + " without that secret, set HOSTCLONE_APPS=code:secret to choose your own", DEFAULT_APP);
            }
        }
        Set<String> removed = awaitStore(removal.removeAppsOtherThan(hashes.keySet()).toCompletableFuture(), configuration,
                "remove the apps not configured");
        if (!removed.isEmpty()) {
            LOG.warn("removed apps {} registered by an earlier start: HOSTCLONE_APPS {}", removed,
                    configuration.apps().isEmpty() ? "is unset, which keeps only app '" + DEFAULT_APP + "'"
                            : "does not name them");
        }
        return null;
    }

    /**
     * The default app this failed start made, whose secret it never showed: kept, no start after it would
     * show one, and nobody could call with it. Removed while it holds the hash this start made it with, and nothing
     * else: the apps whose removal this start may have failed at stay as it found them (until 2026-12-08 every app
     * was removed here, which held only while this ran after that removal had succeeded), and one another start
     * has registered under the code since is that start's. The next start makes one and shows its secret.
     */
    private static void forgetUnshownApp(RemoveAppsPort port, String madeWith, Configuration configuration,
                                         Throwable startFailure) {
        try {
            awaitStore(port.removeAppHolding(DEFAULT_APP, madeWith).toCompletableFuture(), configuration,
                    "remove app '" + DEFAULT_APP + "'");
        } catch (RuntimeException e) {
            LOG.warn("could not remove app '{}', made by this failed start and never shown: the next start keeps it;"
                    + " set HOSTCLONE_APPS=code:secret to choose an app of your own", DEFAULT_APP, e);
            startFailure.addSuppressed(e);
        }
    }

    /**
     * Prints the default app's new secret, once the server serves with it: a start that fails must
     * not show a secret that nothing accepts.
     */
    private static void showCreatedApp(String secret) {
        // Printed, not logged, for whoever started the server. Standard output is the log's stream all the same:
        // under systemd or Docker this lands in the journal or the container's log, which is why a deployment
        // sets HOSTCLONE_APPS (README, Two commands) and then nothing is printed.
        System.out.printf("%nNo HOSTCLONE_APPS configured: created app '%s' with secret %s%n"
                + "(shown once, kept across restarts on the same data; set HOSTCLONE_APPS=code:secret to choose"
                + " your own)%n%n", DEFAULT_APP, secret);
    }

    /** The store bounds its opening by its own timeouts (connecting, each statement; an embedded server's start). */
    private static <T> T awaitUnbounded(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw unwrapped(e.getCause());
        }
    }

    private static RuntimeException unwrapped(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    /**
     * A start's call to the store, within {@code HOSTCLONE_START_TIMEOUT}, as the store's opening: the store bounds
     * it by its own timeout, and this names the setting should a slow store outlast even that (until 2026-12-06 a
     * fixed 30 s, and the start failed saying only "timed out").
     */
    private static <T> T awaitStore(CompletableFuture<T> future, Configuration configuration, String what) {
        return await(future, configuration.startTimeoutSeconds(), what, " (HOSTCLONE_START_TIMEOUT)");
    }

    /** {@code future}'s value within {@code seconds}, else refused: {@code could not <what> within N s<setBy>}. */
    private static <T> T await(CompletableFuture<T> future, long seconds, String what, String setBy) {
        try {
            return future.get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to " + what, e);
        } catch (ExecutionException e) {
            throw unwrapped(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not " + what + " within " + seconds + " s" + setBy, e);
        }
    }
}
