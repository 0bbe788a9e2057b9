package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.application.port.out.AllocateHostIdsPort;
import dev.hostclone.application.port.out.ChangeHostModelPort;
import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.application.port.out.CreateCloudAreaPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadAuditTrailPort;
import dev.hostclone.application.port.out.LoadAuditsPort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.application.port.out.LoadCloudAreasPort;
import dev.hostclone.application.port.out.LoadCurrentHostModelPort;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.RegisterAppPort;
import dev.hostclone.application.port.out.RemoveAppsPort;
import dev.hostclone.application.port.out.SearchAuditPort;
import dev.hostclone.application.port.out.SearchBusinessesPort;
import dev.hostclone.application.port.out.SchemaStatus;
import dev.hostclone.application.port.out.SearchCloudAreasPort;
import dev.hostclone.application.port.out.StoreReadinessPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import dev.hostclone.domain.access.AppAuthentication;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueRule;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every storage port on PostgreSQL through the Vert.x reactive client: pools built once (one per
 * calling event loop, each with a connection shared by short statements, see {@link TimedPool}), with
 * prepared statements cached per connection and pipelining on. Start it with {@link #start}, which
 * brings the schema up to date with Flyway before it hands the store out. Host writes and model
 * changes keep out of each other's way through the model row's lock ({@link ModelRevision}).
 */
public final class PostgresStore implements LoadHostsPort, UpdateHostPort, CreateHostsPort, AllocateHostIdsPort,
        LoadHostModelPort, LoadCurrentHostModelPort, ChangeHostModelPort, LoadBusinessPort, CreateBusinessPort, SearchBusinessesPort,
        LoadCloudAreasPort, CreateCloudAreaPort, SearchCloudAreasPort, VerifyAppSecretPort, RegisterAppPort, RemoveAppsPort,
        LoadAuditTrailPort, SearchAuditPort, LoadAuditsPort, StoreReadinessPort {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    /** How long a cached host model may live when no notification can tell that it changed. */
    static final Duration MODEL_MAX_AGE_WITHOUT_NOTIFICATIONS = Duration.ofSeconds(5);
    private static final int PIPELINING_LIMIT = 256;
    private static final int STATEMENT_CACHE_SIZE = 64;
    /**
     * How every pooled session plans its prepared statements: once, generically. Left to choose,
     * PostgreSQL re-planned the host reads on every call, because a statement taking an array
     * ({@code = ANY($1)}) always looks cheaper planned for the array it is given. That planning cost
     * more than running the read (117 µs against 62 µs for the lookup by inner IP in the load run).
     * Every statement here is written for one plan regardless of its values; tests explain the
     * generic plans.
     */
    static final String PLAN_CACHE_MODE = "force_generic_plan";
    /**
     * The ordinary and partitioned tables of the connection's current schema, where Flyway migrates, named in
     * $1, their sizes and estimated rows ({@code reltuples}: -1 until a vacuum or analyze has run on the table).
     */
    static final String TABLE_SIZES_SQL = "SELECT relname::text, pg_total_relation_size(oid), reltuples::bigint FROM pg_class"
            + " WHERE relnamespace = to_regnamespace(current_schema()) AND relkind IN ('r', 'p')"
            + " AND relname::text = ANY ($1::text[])";
    private static final long RESUBSCRIBE_DELAY_MILLIS = 1_000;

    private final PgSettings settings;
    private final Migrations.Outcome schemaAtStart;
    private final TimedPool pool;
    private final PgSubscriber subscriber;
    /** Null when not listening. */
    private final ListenHeartbeat heartbeat;
    private final RolledBackWrites rolledBackWrites = new RolledBackWrites();
    private final PostgresHosts hosts;
    private final PostgresHostModel model;
    private final PostgresModelChanges modelChanges;
    private final PostgresBusinesses businesses;
    private final PostgresCloudAreas cloudAreas;
    private final PostgresAudit audit;
    private final PostgresAuditPruning auditPruning;
    private final PostgresApps apps;

    private PostgresStore(Vertx vertx, PgSettings settings, Migrations.Outcome schemaAtStart, TimedPool pool,
                          PgSubscriber subscriber, ListenHeartbeat heartbeat, PostgresHostModel model,
                          SecretChecks secretChecks) {
        this.settings = settings;
        this.schemaAtStart = schemaAtStart;
        this.pool = pool;
        this.subscriber = subscriber;
        this.heartbeat = heartbeat;
        this.model = model;
        this.hosts = new PostgresHosts(pool, model::observe, rolledBackWrites);
        this.modelChanges = new PostgresModelChanges(vertx, pool, model, settings.timeout());
        this.businesses = new PostgresBusinesses(pool);
        this.cloudAreas = new PostgresCloudAreas(pool);
        this.audit = new PostgresAudit(pool);
        this.auditPruning = new PostgresAuditPruning(pool);
        this.apps = new PostgresApps(vertx, pool, System::nanoTime, secretChecks);
    }

    /** {@link #start(Vertx, PgSettings, int)} with one pool for all callers. */
    public static CompletionStage<PostgresStore> start(Vertx vertx, PgSettings settings) {
        return start(vertx, settings, 1);
    }

    /**
     * Migrates the schema (Flyway, on a worker thread) while it builds the pool and subscribes to
     * host-model changes; completes once the store is ready, or fails with a {@link PostgresStoreException}
     * (the migration's failure where both failed; an unusable {@code sslrootcert} before either
     * begins). {@code eventLoops} is how many event loops will call
     * the store (an HTTP server's instances): above one, each event loop gets a pool of its own (see
     * {@link TimedPool}), and the pool size is split among them, rounded up; callers outside those loops
     * share one pool more of that size. Each pool has one more connection beside it, shared by short
     * statements.
     *
     * <p>The subscription needs no schema, only a connection of its own: made while Flyway migrates,
     * its connection and the reactive client's classes are off the start's critical path, where the
     * rest of the start waits for the store.
     */
    public static CompletionStage<PostgresStore> start(Vertx vertx, PgSettings settings, int eventLoops) {
        return start(vertx, settings, eventLoops, new SecretChecks());
    }

    /** {@link #start(Vertx, PgSettings, int)}, its apps' secrets checked by {@code secretChecks}, which a server counts into its meters. */
    public static CompletionStage<PostgresStore> start(Vertx vertx, PgSettings settings, int eventLoops,
                                                       SecretChecks secretChecks) {
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops must be at least 1: " + eventLoops);
        }
        try {
            settings.tls().checkFiles();
        } catch (PostgresStoreException unusable) {
            return Future.<PostgresStore>failedFuture(unusable).toCompletionStage();
        }
        PgConnectOptions connect = connectOptions(settings);
        TimedPool pool = pool(vertx, settings, eventLoops, connect);
        Future<Migrations.Outcome> migrated = schemaFoundCurrent(vertx, pool)
                .compose(current -> current.isPresent() ? Future.succeededFuture(current.get())
                        : vertx.executeBlocking(() -> Migrations.apply(settings), false));
        PgSubscriber subscriber = settings.listenForModelChanges()
                ? PgSubscriber.subscriber(vertx, connect).reconnectPolicy(attempts -> RESUBSCRIBE_DELAY_MILLIS)
                : null;
        ListenHeartbeat heartbeat = subscriber == null ? null
                : ListenHeartbeat.start(vertx, subscriber, ListenHeartbeat.EVERY, settings.timeout());
        PostgresHostModel model = subscriber == null
                ? new PostgresHostModel(pool, MODEL_MAX_AGE_WITHOUT_NOTIFICATIONS, () -> true, System::nanoTime)
                // while the LISTEN connection is down, or silent, a change could go unannounced: no cached model then
                : new PostgresHostModel(pool, null, () -> subscriber.actualConnection() != null && heartbeat.answering(),
                        System::nanoTime);
        Future<Void> listening = subscriber == null ? Future.succeededFuture() : listen(vertx, settings, subscriber, model);
        return Future.join(migrated, listening)
                .transform(both -> {
                    if (migrated.failed() || listening.failed()) {
                        Throwable failure = migrated.failed() ? migrated.cause() : listening.cause();
                        if (heartbeat != null) {
                            heartbeat.close();
                        }
                        Future<Void> unsubscribed = subscriber == null ? Future.succeededFuture() : subscriber.close();
                        return unsubscribed.eventually(pool::close).transform(closed -> Future.<PostgresStore>failedFuture(failure));
                    }
                    Migrations.Outcome schema = migrated.result();
                    LOG.info("PostgreSQL schema at version {} ({}) for {}", schema.schemaVersion(),
                            schema.flywayRan() ? schema.migrationsApplied() + " migrations applied now by Flyway"
                                    : "already current by its history: Flyway not run", settings);
                    return Future.succeededFuture(new PostgresStore(vertx, settings, schema, pool, subscriber, heartbeat,
                            model, secretChecks));
                })
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("start the store", failure)))
                .toCompletionStage();
    }

    /**
     * The schema, when Flyway's history already reads as this build's migrations leave it (see
     * {@link Migrations}): a restart then skips loading Flyway and the JDBC driver, about a third of
     * a second of a plain-jar start. Empty whenever that is not so, the history unreadable included
     * (no connection) or absent (a fresh database, asked first so that no statement fails there):
     * Flyway then migrates, or fails the start naming why.
     */
    private static Future<Optional<Migrations.Outcome>> schemaFoundCurrent(Vertx vertx, TimedPool pool) {
        Future<List<Migrations.HistoryRow>> expected = vertx.executeBlocking(Migrations::expectedHistory, false);
        Future<List<Migrations.HistoryRow>> history = pool.execute(Migrations.HISTORY_EXISTS_SQL, Tuple.tuple())
                .compose(found -> found.iterator().next().getBoolean("present")
                        ? pool.execute(Migrations.HISTORY_SQL, Tuple.tuple()).map(PostgresStore::historyRows)
                        // a fresh database: an empty history, never the expected one, so Flyway migrates
                        : Future.succeededFuture(List.of()));
        return Future.all(expected, history)
                .map(both -> Migrations.withoutFlyway(history.result(), expected.result()))
                .otherwise(unread -> {
                    LOG.debug("Flyway's history not read ({}): Flyway decides", unread.toString());
                    return Optional.empty();
                });
    }

    private static List<Migrations.HistoryRow> historyRows(RowSet<Row> rows) {
        List<Migrations.HistoryRow> read = new ArrayList<>(rows.size());
        rows.forEach(row -> read.add(new Migrations.HistoryRow(row.getString("version"), row.getString("description"),
                row.getString("type"), row.getString("script"), row.getInteger("checksum"), row.getBoolean("success"))));
        return read;
    }

    /** The pools the store's statements go through; each connects when first used. */
    private static TimedPool pool(Vertx vertx, PgSettings settings, int eventLoops, PgConnectOptions connect) {
        int timeoutMillis = (int) settings.timeout().toMillis();
        int size = (settings.poolSize() + eventLoops - 1) / eventLoops;
        // the Vert.x pool's own wait timeout is turned off, and its wait queue bounded (see TimedPool)
        Function<String, Pool> newPool = suffix -> PgBuilder.pool()
                .with(TimedPool.poolOptions(size, "hostclone-" + settings.database() + suffix))
                .with(new NetClientOptions().setConnectTimeout(timeoutMillis).setTcpKeepAlive(true))
                .connectingTo(connect)
                .using(vertx)
                .build();
        // one connection, statements pipelined on it up to the limit (see TimedPool#keyedRead); its options made
        // once, as the pools' are: making them reads, and may decrypt, the client key
        PgConnectOptions shared = TimedPool.sharedSessions(connectOptions(settings));
        Function<String, SqlClient> newShared = suffix -> PgBuilder.client()
                .with(TimedPool.poolOptions(1, "hostclone-" + settings.database() + "-shared" + suffix))
                .with(new NetClientOptions().setConnectTimeout(timeoutMillis).setTcpKeepAlive(true))
                .connectingTo(shared)
                .using(vertx)
                .build();
        return eventLoops == 1 ? TimedPool.forAllCallers(vertx, newPool, newShared, timeoutMillis)
                : TimedPool.perEventLoop(vertx, newPool, newShared, timeoutMillis);
    }

    /**
     * Subscribes to the host model's channel; completes once listening. On every (re)subscription
     * the cached model is dropped too: notifications sent while disconnected are lost.
     */
    private static Future<Void> listen(Vertx vertx, PgSettings settings, PgSubscriber subscriber, PostgresHostModel model) {
        Promise<Void> listening = Promise.promise();
        subscriber.channel(PostgresHostModel.CHANNEL)
                .subscribeHandler(subscribed -> {
                    logFailuresOf(subscriber.actualConnection());
                    model.invalidate();
                    listening.tryComplete();
                })
                .handler(payload -> model.invalidate());
        // its own message: the start's failure names what it waited for, not a Vert.x class
        long timer = vertx.setTimer(settings.timeout().toMillis(), expired -> listening.tryFail(new PostgresStoreException(
                "no LISTEN " + PostgresHostModel.CHANNEL + " within " + settings.timeout()
                        + " (turn listenForModelChanges off where LISTEN/NOTIFY is unsupported)", null)));
        // ready once listening: a model read before that could be dropped by the first subscription;
        // the timer bounds a connect that never completes too (a server that accepts and never answers)
        subscriber.connect().onFailure(listening::tryFail);
        return listening.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    /**
     * Logs what ends the LISTEN connection (PostgreSQL stopped or restarted, the backend terminated), once
     * per connection: the subscriber reconnects by itself but sets no exception handler, and Vert.x prints
     * the exception of a connection without one to standard error, a bare line outside the log.
     */
    private static void logFailuresOf(PgConnection connection) {
        if (connection != null) {
            connection.exceptionHandler(failure -> LOG.warn("the LISTEN connection for host-model changes failed ({});"
                    + " it connects again", failure.getMessage()));
        }
    }

    public PgSettings settings() {
        return settings;
    }

    /** The schema the start left, and whether Flyway ran for it. */
    Migrations.Outcome schemaAtStart() {
        return schemaAtStart;
    }

    /**
     * One cheap statement through the pool: is the schema version this store migrated to at start
     * still recorded as applied? (A server of a newer build may have moved it further: still applied.)
     */
    @Override
    public CompletionStage<SchemaStatus> checkStoreReadiness() {
        String schemaVersion = schemaAtStart.schemaVersion();
        return pool.execute(Migrations.IS_APPLIED_SQL, Tuple.of(schemaVersion))
                .map(rows -> rows.iterator().next().getBoolean(0)
                        ? SchemaStatus.applied("schema at version " + schemaVersion)
                        : SchemaStatus.notApplied("schema version " + schemaVersion + " is not applied"))
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("answer a readiness check", failure)))
                .toCompletionStage();
    }

    /**
     * What each of HostClone's own tables takes, by name: on disk, its rows, its indexes and its TOAST, as
     * {@code pg_total_relation_size} says, and how many rows the planner estimates. What the data grows by,
     * since nothing deletes an audit record on PostgreSQL but an operator's retention. One statement on the
     * catalog, which reads the files' sizes, no table's rows. A table that an operator or another tool made in the schema is not
     * among them ({@link Migrations#TABLES}): each is metered, and a dashboard expects a known set of series.
     */
    public CompletionStage<Map<String, TableSize>> tableSizes() {
        return pool.execute(TABLE_SIZES_SQL, Tuple.of(Migrations.TABLES.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, TableSize> sizes = new TreeMap<>();
                    rows.forEach(row -> {
                        long estimatedRows = row.getLong(2);
                        sizes.put(row.getString(0), new TableSize(row.getLong(1),
                                estimatedRows < 0 ? OptionalLong.empty() : OptionalLong.of(estimatedRows)));
                    });
                    return Collections.unmodifiableMap(sizes);
                })
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("read the tables' sizes", failure)))
                .toCompletionStage();
    }

    /** The host writes PostgreSQL rolled back for another's sake, which the store answered as stale: for the meters. */
    public RolledBackWrites rolledBackWrites() {
        return rolledBackWrites;
    }

    /**
     * Deletes up to {@code limit} of the oldest audit records whose {@code operation_time} is before {@code cutoff},
     * in one statement, and completes with how many it deleted: fewer than {@code limit} when no more were older,
     * or when another server's batch held some at the time (those are its to delete). No use case deletes a
     * record; this is an operator's retention, which bootstrap runs a batch at a time.
     */
    public CompletionStage<Integer> deleteAuditRecordsBefore(Instant cutoff, int limit) {
        return auditPruning.deleteOlderThan(cutoff, limit);
    }

    /**
     * Closes the subscription and the pool together; the store is unusable afterwards. Completes once
     * PostgreSQL has closed each connection after its Terminate message, so never while the database
     * is silent: bound the wait (the server gives it the store timeout).
     */
    public CompletionStage<Void> close() {
        if (heartbeat != null) {
            heartbeat.close();
        }
        Future<Void> unsubscribed = subscriber == null ? Future.succeededFuture() : subscriber.close();
        return Future.join(unsubscribed, pool.close()).<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public CompletionStage<List<Host>> loadHosts(Collection<HostId> ids) {
        return hosts.loadHosts(ids);
    }

    @Override
    public CompletionStage<List<Host>> findHostsByInnerIp(CloudAreaId cloud, Collection<IpAddress> ips) {
        return hosts.findHostsByInnerIp(cloud, ips);
    }

    /** One round trip when the inner addresses stay put (every clone): see {@link PostgresHosts}. */
    @Override
    public CompletionStage<HostWriteResult> updateHost(HostUpdate update) {
        return hosts.updateHost(update);
    }

    /**
     * Three round trips: BEGIN with the model lock and the host locks pipelined, the updates planned on
     * the hosts as locked, pipelined, then COMMIT (one more if inner IPs move).
     */
    @Override
    public CompletionStage<HostsWriteResult> updateHosts(Collection<HostId> ids, Collection<HostId> readOnly,
                                                         Function<List<Host>, Optional<List<HostUpdate>>> plan) {
        return hosts.updateHosts(ids, readOnly, plan);
    }

    /** Two round trips: BEGIN with the model lock and the inserts pipelined, then COMMIT. */
    @Override
    public CompletionStage<HostsWriteResult> createHosts(long modelRevision, List<HostCreation> creations) {
        return hosts.createHosts(modelRevision, creations);
    }

    @Override
    public CompletionStage<List<HostId>> allocateHostIds(int count) {
        return hosts.allocateHostIds(count);
    }

    @Override
    public CompletionStage<List<AuditRecord>> loadAuditTrail(String resourceType, long resourceId) {
        return audit.loadAuditTrail(resourceType, resourceId);
    }

    @Override
    public CompletionStage<Page<AuditRecord>> searchAudit(AuditQuery query) {
        return audit.searchAudit(query);
    }

    @Override
    public CompletionStage<List<AuditRecord>> loadAudits(Collection<Long> ids) {
        return audit.loadAudits(ids);
    }

    @Override
    public CompletionStage<HostModel> loadHostModel() {
        return model.loadHostModel();
    }

    @Override
    public CompletionStage<HostModel> loadCurrentHostModel() {
        return model.loadCurrentHostModel();
    }

    @Override
    public CompletionStage<Attribute> createAttribute(Attribute attribute) {
        return modelChanges.createAttribute(attribute);
    }

    @Override
    public CompletionStage<UniqueRule> createUniqueRule(UniqueRule rule, Function<Host, Collection<UniqueKey>> keysOf) {
        return modelChanges.createUniqueRule(rule, keysOf);
    }

    @Override
    public CompletionStage<Boolean> deleteUniqueRule(long ruleId) {
        return modelChanges.deleteUniqueRule(ruleId);
    }

    @Override
    public CompletionStage<Optional<Business>> loadBusiness(BusinessId id) {
        return businesses.loadBusiness(id);
    }

    @Override
    public CompletionStage<Business> createBusiness(Map<String, Object> properties) {
        return businesses.createBusiness(properties);
    }

    @Override
    public CompletionStage<Page<Business>> searchBusinesses(BusinessQuery query) {
        return businesses.searchBusinesses(query);
    }

    @Override
    public CompletionStage<List<CloudArea>> loadCloudAreas(Collection<CloudAreaId> ids) {
        return cloudAreas.loadCloudAreas(ids);
    }

    @Override
    public CompletionStage<CloudArea> createCloudArea(CloudArea area) {
        return cloudAreas.createCloudArea(area);
    }

    @Override
    public CompletionStage<Page<CloudArea>> searchCloudAreas(CloudAreaQuery query) {
        return cloudAreas.searchCloudAreas(query);
    }

    @Override
    public CompletionStage<Void> registerApp(String appCode, String secretHash) {
        return apps.registerApp(appCode, secretHash);
    }

    @Override
    public CompletionStage<Boolean> registerAppIfAbsent(String appCode, String secretHash) {
        return apps.registerAppIfAbsent(appCode, secretHash);
    }

    @Override
    public CompletionStage<Set<String>> removeAppsOtherThan(Set<String> appCodes) {
        return apps.removeAppsOtherThan(appCodes);
    }

    @Override
    public CompletionStage<AppAuthentication> verifyAppSecret(String appCode, String appSecret) {
        return apps.verifyAppSecret(appCode, appSecret);
    }

    /** The options of every connection the store makes with the reactive client. */
    static PgConnectOptions connectOptions(PgSettings settings) {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setDatabase(settings.database())
                .setUser(settings.user())
                .setPassword(settings.password())
                .setCachePreparedStatements(true)
                .setPreparedStatementCacheMaxSize(STATEMENT_CACHE_SIZE)
                .setPipeliningLimit(PIPELINING_LIMIT)
                // the server itself gives up on a statement past the timeout and rolls it back: a known outcome
                .addProperty("statement_timeout", Long.toString(settings.timeout().toMillis()))
                .addProperty("plan_cache_mode", PLAN_CACHE_MODE);
        return settings.tls().applyTo(options);
    }
}
