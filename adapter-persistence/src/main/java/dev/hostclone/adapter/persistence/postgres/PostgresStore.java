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
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every storage port on PostgreSQL through the Vert.x reactive client: pools built once (one per
 * calling event loop, each with a connection shared by short statements, see {@link TimedPool}), with
 * prepared statements cached per connection and pipelining on. Start it with {@link #start}, which
 * brings the schema up to date with Flyway before it hands the store out. Host writes and model
 * changes keep out of each other's way through the model row's lock ({@link ModelRevision}).
 *
 * <p>This class starts the store, closes it and hands each port on; the work is in the package's classes,
 * one concern each: connecting ({@link PostgresConnections}), the schema ({@link PostgresSchema}), the
 * cached model's notifications ({@link ModelChangeListener}), and one class for each kind of data ({@link PostgresHosts},
 * {@link PostgresHostModel}, {@link PostgresModelChanges}, {@link PostgresBusinesses}, {@link PostgresCloudAreas},
 * {@link PostgresAudit}, {@link PostgresAuditPruning}, {@link PostgresApps}).
 */
public final class PostgresStore implements LoadHostsPort, UpdateHostPort, CreateHostsPort, AllocateHostIdsPort,
        LoadHostModelPort, LoadCurrentHostModelPort, ChangeHostModelPort, LoadBusinessPort, CreateBusinessPort, SearchBusinessesPort,
        LoadCloudAreasPort, CreateCloudAreaPort, SearchCloudAreasPort, VerifyAppSecretPort, RegisterAppPort, RemoveAppsPort,
        LoadAuditTrailPort, SearchAuditPort, LoadAuditsPort, StoreReadinessPort {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    /**
     * How the pool name of a connection the store's keyed reads share begins, unlike its pools' ({@code hostclone-}
     * and the database's name), whatever the database is called: a server leaves their pool meters out.
     */
    public static final String SHARED_CONNECTION_POOL_PREFIX = "hostclone~shared~";

    private final PgSettings settings;
    private final PostgresSchema schema;
    private final TimedPool pool;
    /** Null when not listening. */
    private final ModelChangeListener listener;
    private final RolledBackWrites rolledBackWrites = new RolledBackWrites();
    private final PostgresHosts hosts;
    private final PostgresHostModel model;
    private final PostgresModelChanges modelChanges;
    private final PostgresBusinesses businesses;
    private final PostgresCloudAreas cloudAreas;
    private final PostgresAudit audit;
    private final PostgresAuditPruning auditPruning;
    private final PostgresApps apps;
    private final ConnectionCeiling ceiling;
    /** Null when the start could not read it. */
    private final ConnectionLimit limit;

    private PostgresStore(Vertx vertx, PgSettings settings, Migrations.Outcome schemaAtStart, TimedPool pool,
                          ModelChangeListener listener, PostgresHostModel model, SecretChecks secretChecks,
                          ConnectionCeiling ceiling, ConnectionLimit limit) {
        this.settings = settings;
        this.ceiling = ceiling;
        this.limit = limit;
        this.schema = new PostgresSchema(pool, schemaAtStart);
        this.pool = pool;
        this.listener = listener;
        this.model = model;
        this.hosts = new PostgresHosts(pool, model, rolledBackWrites);
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
     * begins), or with a {@link ConnectionLimitException}, unwrapped, when the store may open more connections
     * than PostgreSQL accepts from its role ({@link ConnectionCeiling}): before Flyway runs, or, where the first
     * read of that limit got no answer, once Flyway has migrated. {@code eventLoops} is how many event loops will call
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
        PgConnectOptions connect = PostgresConnections.connectOptions(settings);
        ConnectionCeiling ceiling = ConnectionCeiling.of(settings, eventLoops);
        TimedPool pool = PostgresConnections.pool(vertx, settings, ceiling, connect);
        Future<ConnectionLimit> firstRead = readConnectionLimit(pool);
        // before Flyway: a store refused for its connections leaves the schema as it found it. Unread, the pool most
        // likely got no answer, and the history read would wait as long again before Flyway's login: Flyway decides
        Future<Migrations.Outcome> migrated = firstRead.transform(read -> read.failed()
                ? PostgresSchema.byFlyway(vertx, settings)
                : admitted(ceiling, read.result()).compose(within -> PostgresSchema.migrate(vertx, settings, pool)));
        // a PostgreSQL that answered Flyway, after the first read got no answer, is asked again: once a start passes,
        // only a role that may not read the limit serves unchecked
        Future<ConnectionLimit> limit = migrated.compose(schema -> firstRead.succeeded() ? firstRead
                : checkedAfterMigration(pool, ceiling));
        ModelChangeListener listener = settings.listenForModelChanges()
                ? ModelChangeListener.start(vertx, settings, connect) : null;
        PostgresHostModel model = listener == null
                ? new PostgresHostModel(pool, PostgresHostModel.MAX_AGE_WITHOUT_NOTIFICATIONS, () -> true, System::nanoTime)
                // while the LISTEN connection is down, or silent, a change could go unannounced: no cached model then
                : new PostgresHostModel(pool, null, listener::listening, System::nanoTime);
        Future<Void> listening = listener == null ? Future.succeededFuture() : listener.listen(vertx, settings, model);
        return Future.join(limit, listening)
                .transform(both -> {
                    if (limit.failed() || listening.failed()) {
                        Throwable failure = limit.failed() ? limit.cause() : listening.cause();
                        return unlisten(listener).eventually(pool::close)
                                .transform(closed -> Future.<PostgresStore>failedFuture(failure));
                    }
                    Migrations.Outcome schema = migrated.result();
                    LOG.info("PostgreSQL schema at version {} ({}) for {}", schema.schemaVersion(),
                            schema.flywayRan() ? schema.migrationsApplied() + " migrations applied now by Flyway"
                                    : "already current by its history: Flyway not run", settings);
                    if (Migrations.isNewerThanThisBuild(schema.schemaVersion())) {
                        LOG.warn("the database's schema is at version {}, newer than this build's newest migration:"
                                + " a newer build migrated it, and this one serves on a schema it does not know (README,"
                                + " Storage on PostgreSQL: a build older than the database's newest migration)",
                                schema.schemaVersion());
                    }
                    return Future.succeededFuture(new PostgresStore(vertx, settings, schema, pool, listener, model,
                            secretChecks, ceiling, limit.result()));
                })
                // its own message names the numbers, which the wrapping's would drop
                .recover(failure -> Future.failedFuture(failure instanceof ConnectionLimitException ? failure
                        : PostgresStoreException.wrap("start the store", failure)))
                .toCompletionStage();
    }

    /**
     * What PostgreSQL accepts from the store's role, read on a pooled connection; failed when it could not be read (a
     * connection refused or unanswered, an engine without these settings, a role that may not read them).
     */
    private static Future<ConnectionLimit> readConnectionLimit(TimedPool pool) {
        return pool.execute(ConnectionLimit.SQL, Tuple.tuple())
                .compose(rows -> rows.iterator().hasNext() ? Future.succeededFuture(ConnectionLimit.of(rows.iterator().next()))
                        : Future.failedFuture(new IllegalStateException("no row answered " + ConnectionLimit.SQL)));
    }

    /**
     * The limit read again once Flyway has migrated, where the first read failed: the store is refused when it may
     * open more connections than PostgreSQL accepts (its schema migrated by then), and serves with its
     * {@code ceiling} unchecked, the log saying so, when the limit still cannot be read: null then.
     */
    private static Future<ConnectionLimit> checkedAfterMigration(TimedPool pool, ConnectionCeiling ceiling) {
        return readConnectionLimit(pool)
                .transform(read -> {
                    if (read.failed()) {
                        LOG.warn("the store's {} connections ({}) not checked against what PostgreSQL accepts, which"
                                + " could not be read: {}", ceiling.total(), ceiling.terms("event loops"),
                                read.cause().toString());
                        return Future.succeededFuture(null);
                    }
                    return admitted(ceiling, read.result());
                });
    }

    /** {@code limit}, or a {@link ConnectionLimitException} when the store may open more than it accepts. */
    private static Future<ConnectionLimit> admitted(ConnectionCeiling ceiling, ConnectionLimit limit) {
        return ceiling.total() > limit.accepted() ? Future.failedFuture(new ConnectionLimitException(ceiling, limit))
                : Future.succeededFuture(limit);
    }

    /** Closes the listener, if any; completes once its connection is closed. */
    private static Future<Void> unlisten(ModelChangeListener listener) {
        return listener == null ? Future.succeededFuture() : listener.close();
    }

    public PgSettings settings() {
        return settings;
    }

    /** The most connections this store holds open to PostgreSQL at once. */
    public ConnectionCeiling connectionCeiling() {
        return ceiling;
    }

    /** What PostgreSQL accepted from the store's role at its start; empty when that could not be read. */
    public Optional<ConnectionLimit> connectionLimit() {
        return Optional.ofNullable(limit);
    }

    /** The schema the start left, and whether Flyway ran for it. */
    Migrations.Outcome schemaAtStart() {
        return schema.atStart();
    }

    /**
     * One cheap statement through the pool: is the schema version this store migrated to at start
     * still recorded as applied? (A server of a newer build may have moved it further: still applied.)
     */
    @Override
    public CompletionStage<SchemaStatus> checkStoreReadiness() {
        return schema.checkStoreReadiness();
    }

    /**
     * What each of HostClone's own tables takes, by name: on disk, its rows, its indexes and its TOAST, as
     * {@code pg_total_relation_size} says, and how many rows the planner estimates. What the data grows by,
     * since nothing deletes an audit record on PostgreSQL but an operator's retention. One statement on the
     * catalog, which reads the files' sizes, no table's rows. A table that an operator or another tool made in the schema is not
     * among them ({@link Migrations#TABLES}): each is metered, and a dashboard expects a known set of series.
     */
    public CompletionStage<Map<String, TableSize>> tableSizes() {
        return schema.tableSizes();
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
        return Future.join(unlisten(listener), pool.close()).<Void>mapEmpty().toCompletionStage();
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
                                                         BiFunction<HostModel, List<Host>, Optional<List<HostUpdate>>> plan) {
        return hosts.updateHosts(ids, readOnly, plan);
    }

    /** Two round trips: BEGIN with the model lock and the inserts pipelined, then COMMIT. */
    @Override
    public CompletionStage<HostsWriteResult> createHosts(long modelRevision, List<HostCreation> creations) {
        return hosts.createHosts(modelRevision, creations);
    }

    @Override
    public CompletionStage<HostsWriteResult> createHostsUnderModelLock(Function<HostModel, List<HostCreation>> plan) {
        return hosts.createHostsUnderModelLock(plan);
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
    public CompletionStage<Boolean> removeAppHolding(String appCode, String secretHash) {
        return apps.removeAppHolding(appCode, secretHash);
    }

    @Override
    public CompletionStage<AppAuthentication> verifyAppSecret(String appCode, String appSecret) {
        return apps.verifyAppSecret(appCode, appSecret);
    }
}
