package dev.hostclone.bootstrap;

import static dev.hostclone.bootstrap.FacadeCalls.required;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.adapter.persistence.memory.AuditRetention;
import dev.hostclone.adapter.persistence.memory.MemoryStore;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.PostgresStore;
import dev.hostclone.application.port.in.AddHostsToBusinessIdleUseCase;
import dev.hostclone.application.port.in.AuthenticateAppUseCase;
import dev.hostclone.application.port.in.BatchUpdateHostUseCase;
import dev.hostclone.application.port.in.CheckReadinessUseCase;
import dev.hostclone.application.port.in.CloneHostPropertyUseCase;
import dev.hostclone.application.port.in.CreateBusinessUseCase;
import dev.hostclone.application.port.in.CreateCloudAreaUseCase;
import dev.hostclone.application.port.in.CreateObjectAttributeUseCase;
import dev.hostclone.application.port.in.CreateObjectUniqueUseCase;
import dev.hostclone.application.port.in.DeleteObjectUniqueUseCase;
import dev.hostclone.application.port.in.FindAuditByIdUseCase;
import dev.hostclone.application.port.in.GetHostBaseInfoUseCase;
import dev.hostclone.application.port.in.ListOperationAuditUseCase;
import dev.hostclone.application.port.in.SearchBusinessUseCase;
import dev.hostclone.application.port.in.SearchCloudAreaUseCase;
import dev.hostclone.application.port.in.SearchObjectAttributeUseCase;
import dev.hostclone.application.port.in.SearchObjectUniqueUseCase;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.application.port.out.ReportStaleWritePort;
import dev.hostclone.bootstrap.config.ConfigurationReader;
import dev.hostclone.bootstrap.metrics.StaleWriteMeters;
import dev.hostclone.bootstrap.metrics.StoreMeters;
import dev.hostclone.bootstrap.retention.AuditPruning;
import dev.hostclone.bootstrap.store.OpenStore;
import dev.hostclone.bootstrap.vertx.VertxFiles;
import dev.hostclone.domain.access.AccessPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * HostClone as a library: the use cases without HTTP, for any JVM application, one method each. Use it as
 * {@code try (HostClone hostClone = HostClone.inMemory(Set.of("admin"))) { hostClone.cloneHostProperty()... }}.
 * Each factory's {@code administrators} are the users the built-in authorization allows everything (API.md §6);
 * an application's own authorization, {@link Options#withAuthorizer}, decides alone, and they are then unused.
 *
 * <p><b>Stages and threads.</b> A use case's call never throws: every failure, a null parameter (named) among
 * them, comes in the {@code CompletionStage} it returns. That stage completes on the completion executor
 * ({@link Options#withCompletionExecutor}; by default a pool of daemon threads of this HostClone's,
 * {@code hostclone-completion-…}), never on HostClone's event loops, so a callback may block: wait for
 * another call of this HostClone, or {@link #close()} it. A callback attached once the stage is complete runs on
 * the thread that attaches it, as {@code CompletableFuture}'s do. The application's {@code AuthorizePort}
 * ({@link Options#withAuthorizer}) is asked on the completion executor too, so it may block as a callback may,
 * within its bound ({@link Options#withAuthorizerTimeout}).
 */
public final class HostClone implements AutoCloseable {

    /** Without a registry, a retry is reported to no one. */
    private static final ReportStaleWritePort UNCOUNTED = writer -> { };
    private static final String ACTOR = "actor";
    private static final String ADMINISTRATORS = "administrators";
    /** How long close() waits for the Vert.x instance's threads to end, past the store's own bound. */
    static final long CLOSE_VERTX_SECONDS = 10;

    private final Injector injector;
    private final List<AutoCloseable> resources;
    private final FacadeCalls calls;

    /** {@code resources} in the order they close: the last opened first. */
    private HostClone(Injector injector, Deque<AutoCloseable> resources, FacadeCalls calls) {
        this.injector = injector;
        this.resources = List.copyOf(resources);
        this.calls = calls;
    }

    /**
     * In memory: nothing to set up, nothing survives {@link #close()}, after which a use case kept from it fails
     * as a closed PostgreSQL one does. Its audit records are kept as a server's
     * memory storage keeps them by default ({@link #memoryAuditRetention()}).
     */
    public static HostClone inMemory(Set<String> administrators) {
        return inMemory(administrators, Options.defaults());
    }

    /**
     * In memory, with {@code options}: with a retention, the audit records older than it are forgotten every
     * minute, as a server's memory storage forgets them. Given a registry, the host writes planned again are
     * counted into it, and the retention's rounds; the storage operations are not timed: in memory they take
     * microseconds, below the timers' first bucket.
     */
    public static HostClone inMemory(Set<String> administrators, Options options) {
        Objects.requireNonNull(administrators, ADMINISTRATORS);
        Objects.requireNonNull(options, "options");
        return inMemory(administrators, options, AuditPruning.EVERY);
    }

    /** As {@link #inMemory(Set, Options)}, a retention's rounds every {@code pruningEvery} (tests). */
    static HostClone inMemory(Set<String> administrators, Options options, Duration pruningEvery) {
        return inMemory(administrators, options, pruningEvery, memoryAuditRetention());
    }

    /** As {@link #inMemory(Set, Options, Duration)}, its audit records kept as {@code retention} says (tests). */
    static HostClone inMemory(Set<String> administrators, Options options, Duration pruningEvery,
                              AuditRetention retention) {
        MemoryStore store = new MemoryStore(Clock.systemUTC(), new SecretChecks(), retention);
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            // made first: the application's authorizer is asked on its executor
            FacadeCalls calls = new FacadeCalls(options.completions);
            Injector injector = Guice.createInjector(applicationModule(administrators, options, calls),
                    new StorageModule(store));
            // a Vert.x only for the rounds' timer: the memory store itself needs none
            Vertx vertx = options.auditRetention == null ? null : Vertx.vertx(VertxFiles.options());
            if (vertx != null) {
                opened.push(closing(vertx));
            }
            // closed as the PostgreSQL store is, after the rounds: a use case kept past close() fails on either alike
            opened.push(closing(store));
            if (vertx != null) {
                opened.push(auditPruning(vertx, store::forgetAuditRecordsBefore, options, pruningEvery));
            }
            return new HostClone(injector, opened, calls);
        } catch (RuntimeException | Error e) {
            closeAfter(e, opened);
            throw e;
        }
    }

    /**
     * The newest {@value AuditRetention#DEFAULT_KEPT} audit records, fewer if they weigh more than a quarter of
     * the heap, as a server's memory storage keeps by default, and its audit reads find; until 2026-12-05 it kept
     * every one, and an application's in-memory HostClone grew with every write until its JVM ran out of heap.
     */
    static AuditRetention memoryAuditRetention() {
        return OpenStore.auditRetention(AuditRetention.DEFAULT_KEPT);
    }

    /**
     * On a PostgreSQL server at {@code postgresql://user:pass@host:port/db}: the schema is migrated
     * first, and the data is shared with every other HostClone on the same database. Blocks until the
     * store is ready; {@link #close()} releases the pool. Its arguments are checked before anything opens.
     *
     * @throws StoreUnavailableException when PostgreSQL cannot be reached (refused, timed out): it may be back later
     * @throws IllegalStateException when PostgreSQL refuses the store (a wrong password, an unknown database, no
     *         right to migrate the schema, …), naming its SQLSTATE and its message, never the password
     * @throws IllegalArgumentException when the URL cannot be read
     */
    public static HostClone onPostgres(String postgresUrl, Set<String> administrators) {
        return onPostgres(postgresUrl, administrators, Options.defaults());
    }

    /**
     * As {@link #onPostgres(String, Set)}, timing each storage operation into the application's
     * {@code registry} as a server on PostgreSQL does ({@code hostclone.store.operations}, by
     * operation and outcome), and counting the host writes planned again after a stale answer
     * ({@code hostclone.host.write.retries}, by API). The meters only count: they hold nothing of this
     * HostClone, outlive its {@link #close()} with their counts, and two HostClones on one registry add into
     * the same ones.
     */
    public static HostClone onPostgres(String postgresUrl, Set<String> administrators, MeterRegistry registry) {
        return onPostgres(postgresUrl, administrators, Options.defaults().withRegistry(registry));
    }

    /**
     * As {@link #onPostgres(String, Set)}, with {@code options}: with a registry, the storage operations timed
     * into it as {@link #onPostgres(String, Set, MeterRegistry)} does; with a retention, the audit records older
     * than it deleted every minute as a server with {@code HOSTCLONE_AUDIT_RETENTION} deletes them, in the same
     * batches, until {@link #close()}.
     */
    public static HostClone onPostgres(String postgresUrl, Set<String> administrators, Options options) {
        Objects.requireNonNull(postgresUrl, "postgresUrl");
        Objects.requireNonNull(administrators, ADMINISTRATORS);
        Objects.requireNonNull(options, "options");
        return onPostgres(postgresUrl, administrators, options, AuditPruning.EVERY);
    }

    /** As {@link #onPostgres(String, Set, Options)}, a retention's rounds every {@code pruningEvery} (tests). */
    static HostClone onPostgres(String postgresUrl, Set<String> administrators, Options options,
                                Duration pruningEvery) {
        return onPostgres(postgresUrl, administrators, options, pruningEvery, UnaryOperator.identity());
    }

    /**
     * As {@link #onPostgres(String, Set, Options, Duration)}, the rounds deleting through what {@code deletion} makes
     * of the store's own (tests: a batch held in flight across {@link #close()}).
     */
    static HostClone onPostgres(String postgresUrl, Set<String> administrators, Options options, Duration pruningEvery,
                                UnaryOperator<AuditPruning.OldRecords> deletion) {
        Set<String> allowed = AccessPolicy.copyOfAdministrators(administrators);
        PgSettings settings = PgSettings.fromUrl(postgresUrl);
        StoreMeters meters = options.registry == null ? null : new StoreMeters(options.registry);
        Vertx vertx = Vertx.vertx(VertxFiles.options());
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(closing(vertx));
        try {
            // the application's own threads call the store, not event loops: one pool
            OpenStore store = opened(settings, vertx, options.startTimeout);
            opened.push(store);
            StorageModule ports = new StorageModule(store.adapters().toArray());
            FacadeCalls calls = new FacadeCalls(options.completions);
            Injector injector = Guice.createInjector(applicationModule(allowed, options, calls),
                    meters == null ? ports : ports.timedBy(meters));
            if (options.auditRetention != null) {
                // stopped before the store closes: a batch the closing cuts off is then no failed round
                PostgresStore postgres = store.adapter(PostgresStore.class);
                opened.push(auditPruning(vertx, deletion.apply(postgres::deleteAuditRecordsBefore), options, pruningEvery));
            }
            return new HostClone(injector, opened, calls);
        } catch (OpenStore.StartTimedOut e) {
            // refused now; its Vert.x instance, all it opened, closes once the opening under way has ended, or one
            // more bound later: an opening held by a network gone silent (JDBC's Flyway has no socket timeout) may
            // never end, and the instance's threads and connections would stay for the life of the JVM
            e.settled().toCompletableFuture().copy()
                    .completeOnTimeout(null, options.startTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((done, failed) -> vertx.close());
            throw e;
        } catch (RuntimeException | Error e) {
            closeAfter(e, opened);
            throw e;
        }
    }

    /**
     * The store on {@code settings}, or the reason it could not open in a type {@link #onPostgres(String, Set)}
     * names: PostgreSQL's refusal came as the adapter's own exception, its SQLSTATE deep in the causes.
     */
    private static OpenStore opened(PgSettings settings, Vertx vertx, Duration startTimeout) {
        try {
            return OpenStore.external(vertx, settings, 1,
                    new OpenStore.StartBound(startTimeout, "Options.withStartTimeout"));
        } catch (StoreUnavailableException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException refused && refused.getSQLState() != null) {
                    throw new IllegalStateException("PostgreSQL refused the store on " + settings + ": SQLSTATE "
                            + refused.getSQLState() + ", " + refused.getMessage(), e);
                }
            }
            throw new IllegalStateException("could not open the store on " + settings, e);
        }
    }

    /**
     * Closes what was opened before {@code failure}, the last opened first, a failure to close one suppressed in
     * it: a refusal after the store opened (a registry that holds a meter of one of ours' names as another type)
     * left its pool, its timer's thread and the Vert.x instance running, with no HostClone to close them; so did
     * an Error (a library's {@code NoSuchMethodError}) until 2026-12-07.
     */
    private static void closeAfter(Throwable failure, Deque<AutoCloseable> opened) {
        IllegalStateException notClosed = closeAll(opened);
        if (notClosed != null) {
            failure.addSuppressed(notClosed);
        }
    }

    /**
     * Closes each of {@code resources} in turn, a failure to close one not keeping the next open; returns the
     * first failure, the others suppressed in it, or null.
     */
    private static IllegalStateException closeAll(Iterable<AutoCloseable> resources) {
        IllegalStateException first = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception | Error e) { // an Error too: the resources after it are closed all the same
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                IllegalStateException failed = new IllegalStateException("could not close " + resource, e);
                if (first == null) {
                    first = failed;
                } else {
                    first.addSuppressed(failed);
                }
            }
        }
        return first;
    }

    /**
     * The use cases, authorized by the application's authorizer if it gave one, asked on the completion executor of
     * {@code calls} and bounded by its timeout; else by the built-in one, where the use case runs.
     */
    private static ApplicationModule applicationModule(Set<String> administrators, Options options,
                                                       FacadeCalls calls) {
        return new ApplicationModule(administrators, staleWrites(options), options.authorizer, calls.executor(),
                options.authorizerTimeout);
    }

    /** The host writes planned again, counted into the application's registry, or reported to no one without one. */
    private static ReportStaleWritePort staleWrites(Options options) {
        return options.registry == null ? UNCOUNTED : new StaleWriteMeters(options.registry);
    }

    /**
     * The rounds of {@code options}' retention on {@code vertx}, counted into the application's registry, or
     * nowhere without one (an empty composite registry makes meters that record nothing).
     */
    private static AuditPruning auditPruning(Vertx vertx, AuditPruning.OldRecords records, Options options,
                                             Duration every) {
        MeterRegistry registry = options.registry != null ? options.registry : new CompositeMeterRegistry();
        return AuditPruning.startCounted(vertx, registry, records, options.auditRetention, Options.AUDIT_RETENTION,
                new EventLoopClock(), every);
    }

    private static AutoCloseable closing(MemoryStore store) {
        return named("the HostClone's in-memory store", store::close);
    }

    private static AutoCloseable closing(Vertx vertx) {
        return named("the HostClone's Vert.x instance", () -> vertx.close().toCompletionStage().toCompletableFuture()
                .get(CLOSE_VERTX_SECONDS, TimeUnit.SECONDS));
    }

    /** {@code close}, named as a failure to close it names it. */
    private static AutoCloseable named(String name, AutoCloseable close) {
        return new AutoCloseable() {
            @Override
            public void close() throws Exception {
                close.close();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** Copies the cloneable properties of one host onto another of the same business (API.md §4). */
    public CloneHostPropertyUseCase cloneHostProperty() {
        CloneHostPropertyUseCase useCase = useCase(CloneHostPropertyUseCase.class);
        return (actor, command) -> calls.call(() -> useCase.cloneHostProperty(required(actor, ACTOR),
                required(command, "command")));
    }

    public CreateBusinessUseCase createBusiness() {
        CreateBusinessUseCase useCase = useCase(CreateBusinessUseCase.class);
        return (actor, command) -> calls.call(() -> useCase.createBusiness(required(actor, ACTOR),
                required(command, "command")));
    }

    public SearchBusinessUseCase searchBusiness() {
        SearchBusinessUseCase useCase = useCase(SearchBusinessUseCase.class);
        return (actor, query) -> calls.call(() -> useCase.searchBusinesses(required(actor, ACTOR),
                required(query, "query")));
    }

    public CreateCloudAreaUseCase createCloudArea() {
        CreateCloudAreaUseCase useCase = useCase(CreateCloudAreaUseCase.class);
        return (actor, command) -> calls.call(() -> useCase.createCloudArea(required(actor, ACTOR),
                required(command, "command")));
    }

    public SearchCloudAreaUseCase searchCloudArea() {
        SearchCloudAreaUseCase useCase = useCase(SearchCloudAreaUseCase.class);
        return (actor, query) -> calls.call(() -> useCase.searchCloudAreas(required(actor, ACTOR),
                required(query, "query")));
    }

    public AddHostsToBusinessIdleUseCase addHostsToBusinessIdle() {
        AddHostsToBusinessIdleUseCase useCase = useCase(AddHostsToBusinessIdleUseCase.class);
        return (actor, command) -> calls.call(() -> useCase.addHostsToBusinessIdle(required(actor, ACTOR),
                required(command, "command")));
    }

    public GetHostBaseInfoUseCase getHostBaseInfo() {
        GetHostBaseInfoUseCase useCase = useCase(GetHostBaseInfoUseCase.class);
        return (actor, host) -> calls.call(() -> useCase.getHostBaseInfo(required(actor, ACTOR),
                required(host, "host")));
    }

    public BatchUpdateHostUseCase batchUpdateHost() {
        BatchUpdateHostUseCase useCase = useCase(BatchUpdateHostUseCase.class);
        return (actor, command) -> calls.call(() -> useCase.batchUpdateHosts(required(actor, ACTOR),
                required(command, "command")));
    }

    public SearchObjectAttributeUseCase searchObjectAttribute() {
        SearchObjectAttributeUseCase useCase = useCase(SearchObjectAttributeUseCase.class);
        return (actor, query) -> calls.call(() -> useCase.searchAttributes(required(actor, ACTOR),
                required(query, "query")));
    }

    public CreateObjectAttributeUseCase createObjectAttribute() {
        CreateObjectAttributeUseCase useCase = useCase(CreateObjectAttributeUseCase.class);
        return (actor, command) -> calls.call(() -> useCase.createAttribute(required(actor, ACTOR),
                required(command, "command")));
    }

    public SearchObjectUniqueUseCase searchObjectUnique() {
        SearchObjectUniqueUseCase useCase = useCase(SearchObjectUniqueUseCase.class);
        return actor -> calls.call(() -> useCase.searchUniqueRules(required(actor, ACTOR)));
    }

    public CreateObjectUniqueUseCase createObjectUnique() {
        CreateObjectUniqueUseCase useCase = useCase(CreateObjectUniqueUseCase.class);
        return (actor, command) -> calls.call(() -> useCase.createUniqueRule(required(actor, ACTOR),
                required(command, "command")));
    }

    public DeleteObjectUniqueUseCase deleteObjectUnique() {
        DeleteObjectUniqueUseCase useCase = useCase(DeleteObjectUniqueUseCase.class);
        return (actor, command) -> calls.call(() -> useCase.deleteUniqueRule(required(actor, ACTOR),
                required(command, "command")));
    }

    public ListOperationAuditUseCase listOperationAudit() {
        ListOperationAuditUseCase useCase = useCase(ListOperationAuditUseCase.class);
        return (actor, query) -> calls.call(() -> useCase.listAudit(required(actor, ACTOR), required(query, "query")));
    }

    public FindAuditByIdUseCase findAuditById() {
        FindAuditByIdUseCase useCase = useCase(FindAuditByIdUseCase.class);
        return (actor, query) -> calls.call(() -> useCase.findAudits(required(actor, ACTOR), required(query, "query")));
    }

    /** An app's code and secret checked against the apps the store holds (on a server's database, its apps). */
    public AuthenticateAppUseCase authenticateApp() {
        AuthenticateAppUseCase useCase = useCase(AuthenticateAppUseCase.class);
        return credentials -> calls.call(() -> useCase.authenticate(required(credentials, "credentials")));
    }

    /** Whether the store answers and its migrations are applied, as a server's {@code /readyz} asks. */
    public CheckReadinessUseCase checkReadiness() {
        CheckReadinessUseCase useCase = useCase(CheckReadinessUseCase.class);
        return () -> calls.call(useCase::checkReadiness);
    }

    private <T> T useCase(Class<T> type) {
        return injector.getInstance(type);
    }

    /**
     * Closes the retention's rounds, the store and the Vert.x instance, in that order, each even when one
     * before it fails to close. A use case kept from this HostClone and called afterwards completes with a
     * {@link StoreUnavailableException}, {@code the HostClone is closed}, and one whose call was under way and asks
     * the store again with one saying the store is closed, on memory as on PostgreSQL: the store cannot serve now,
     * not a fault of HostClone's. A call still under way once everything is closed (waiting for a retry's backoff, or
     * a secret's check, on the closed Vert.x instance) completes with {@code the HostClone was closed while the call
     * was under way}.
     *
     * <p>Bounded: the store's pools get its timeout (5 s on the defaults), then are left to the operating system with
     * a warning in the log; the Vert.x instance {@value #CLOSE_VERTX_SECONDS} s more, which, not closed by then, is
     * left, and close() throws an {@link IllegalStateException} naming it. Safe to call from a use case's callback, and more than once: a call
     * after the first (or during it, from another thread) returns at once.
     */
    @Override
    public void close() {
        if (!calls.close()) {
            return;
        }
        IllegalStateException notClosed = closeAll(resources);
        calls.failPending();
        calls.shutdown();
        if (notClosed != null) {
            throw notClosed;
        }
    }

    /**
     * What an application may set beyond the store and its administrators, each unset by default but the two
     * timeouts ({@link #DEFAULT_AUTHORIZER_TIMEOUT}, {@link #DEFAULT_START_TIMEOUT}): one value the factories take,
     * rather than a factory for each combination of settings. Each {@code with…} gives a
     * new Options, its value checked there, before any store is opened.
     */
    public static final class Options {

        /** The parameter's name, as a refusal and the retention's log name it. */
        static final String AUDIT_RETENTION = "auditRetention";
        /** The parameter's name, as a refusal names it. */
        static final String AUTHORIZER_TIMEOUT = "authorizerTimeout";
        /** The parameter's name, as a refusal names it. */
        static final String START_TIMEOUT = "startTimeout";
        /**
         * How long opening a PostgreSQL store may take by default, Flyway's migrations included: a server's default
         * {@code HOSTCLONE_START_TIMEOUT}.
         */
        public static final Duration DEFAULT_START_TIMEOUT =
                Duration.ofSeconds(ConfigurationReader.DEFAULT_START_TIMEOUT_SECONDS);
        /**
         * How long an application's authorizer may take to answer by default: the store's default timeout, so that
         * every wait of a use case has the same default bound.
         */
        public static final Duration DEFAULT_AUTHORIZER_TIMEOUT = PgSettings.DEFAULT_TIMEOUT;
        private static final Options DEFAULTS = new Options(null, null, null, null, DEFAULT_AUTHORIZER_TIMEOUT,
                DEFAULT_START_TIMEOUT);

        /** Null: unset. */
        private final MeterRegistry registry;
        private final Duration auditRetention;
        private final AuthorizePort authorizer;
        private final Executor completions;
        /** Never null: the default unless set. */
        private final Duration authorizerTimeout;
        /** Never null: the default unless set. */
        private final Duration startTimeout;

        private Options(MeterRegistry registry, Duration auditRetention, AuthorizePort authorizer,
                        Executor completions, Duration authorizerTimeout, Duration startTimeout) {
            this.registry = registry;
            this.auditRetention = auditRetention;
            this.authorizer = authorizer;
            this.completions = completions;
            this.authorizerTimeout = authorizerTimeout;
            this.startTimeout = startTimeout;
        }

        /**
         * No registry, no retention, the built-in authorization, the default completion pool and the two default
         * timeouts: what the factories without Options give.
         */
        public static Options defaults() {
            return DEFAULTS;
        }

        /**
         * The application's registry: on PostgreSQL the storage operations' timers, and with a retention its
         * counters (not its gauge, which holds the HostClone: see {@link AuditPruning#startCounted}).
         */
        public Options withRegistry(MeterRegistry registry) {
            return new Options(Objects.requireNonNull(registry, "registry"), auditRetention, authorizer, completions,
                    authorizerTimeout, startTimeout);
        }

        /**
         * Audit records older than {@code auditRetention} deleted every minute, the first round a minute after
         * the start: whole days, 1 to 36,500, as a server's {@code HOSTCLONE_AUDIT_RETENTION} takes them, since
         * the cutoff and its log speak in days. Unset, every record is kept.
         */
        public Options withAuditRetention(Duration auditRetention) {
            Objects.requireNonNull(auditRetention, AUDIT_RETENTION);
            return new Options(registry, AuditPruning.requireWholeDays(auditRetention, AUDIT_RETENTION), authorizer,
                    completions, authorizerTimeout, startTimeout);
        }

        /**
         * The application's own authorization (its IAM) in place of the built-in one: every use case that checks
         * a permission asks {@code authorizer}, and it alone. The factories' {@code administrators} are then
         * unused, not users let past it: the IAM is the one place that says who may do what, and an application
         * that wants such users lets them through in its own port. The permissions it answers missing are
         * refused as the built-in one's are ({@code Failure.PermissionMissing}); when it cannot decide it
         * completes with {@code AuthorizationUndecidedException}, and so does the use case, having written
         * nothing ({@link AuthorizePort}). Unset, the built-in authorization: the administrators may do
         * everything, a business's maintainers what belongs to it.
         *
         * <p>It is asked on the completion executor ({@link #withCompletionExecutor}), never on HostClone's event
         * loops, and the use case goes on there once it answers. So it may block (a JDBC or HTTP call), wait for
         * another use case of the same HostClone, or {@link HostClone#close()} it: it then holds a thread of the
         * executor, which the default pool replaces for the next completion, and which an application's own executor
         * must have to spare. Its stage must complete within {@link #withAuthorizerTimeout} (5 s unless set), else
         * the use case completes with {@code AuthorizationUndecidedException} saying it did not answer in time.
         */
        public Options withAuthorizer(AuthorizePort authorizer) {
            return new Options(registry, auditRetention, Objects.requireNonNull(authorizer, "authorizer"), completions,
                    authorizerTimeout, startTimeout);
        }

        /**
         * Where the use cases' stages complete, and so where callbacks attached without an executor run: the
         * application's, which HostClone never shuts down. It must run what it is given (one it refuses runs on a
         * thread of its own) and, if callbacks block, have a thread for the completion they wait for: a fixed pool
         * whose threads all wait on nested calls waits for good. Unset, a pool of this HostClone's that starts a
         * daemon thread for each completion that finds none idle, ended by {@link #close()}.
         */
        public Options withCompletionExecutor(Executor completions) {
            return new Options(registry, auditRetention, authorizer,
                    Objects.requireNonNull(completions, "completionExecutor"), authorizerTimeout, startTimeout);
        }

        /**
         * How long the application's authorizer ({@link #withAuthorizer}) may take to answer, from the use case's
         * asking to its stage's completion: past it the use case fails with {@code AuthorizationUndecidedException},
         * {@code the authorizer (AuthorizePort) did not answer within 2000 ms for …}, having written nothing, and a
         * late answer is ignored. 1 ms to 1 day; unset, {@link #DEFAULT_AUTHORIZER_TIMEOUT}. Unused with the built-in
         * authorization, which reads only the store, within the store's own timeout.
         */
        public Options withAuthorizerTimeout(Duration authorizerTimeout) {
            Objects.requireNonNull(authorizerTimeout, AUTHORIZER_TIMEOUT);
            if (authorizerTimeout.compareTo(Duration.ofMillis(1)) < 0 || authorizerTimeout.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(AUTHORIZER_TIMEOUT + " must be within 1 ms..1 day, not "
                        + authorizerTimeout);
            }
            return new Options(registry, auditRetention, authorizer, completions, authorizerTimeout, startTimeout);
        }

        /**
         * How long {@link #onPostgres(String, Set, Options)} waits for its store to open: connecting, Flyway's
         * migrations, the pools. Past it the factory fails, {@code could not start the PostgreSQL store within 60 s
         * (Options.withStartTimeout): …}, and a store that opens later is closed. A migration's group commits whole
         * or not at all, so the next try finds the schema as it was or migrated. Whole seconds, 1 s to 1 day; unset,
         * {@link #DEFAULT_START_TIMEOUT}, as a server's {@code HOSTCLONE_START_TIMEOUT}. Unused in memory.
         */
        public Options withStartTimeout(Duration startTimeout) {
            Objects.requireNonNull(startTimeout, START_TIMEOUT);
            if (startTimeout.getNano() != 0 || startTimeout.compareTo(Duration.ofSeconds(1)) < 0
                    || startTimeout.toSeconds() > ConfigurationReader.MAX_START_TIMEOUT_SECONDS) {
                throw new IllegalArgumentException(START_TIMEOUT + " must be whole seconds within 1 s..1 day, not "
                        + startTimeout);
            }
            return new Options(registry, auditRetention, authorizer, completions, authorizerTimeout, startTimeout);
        }
    }
}
