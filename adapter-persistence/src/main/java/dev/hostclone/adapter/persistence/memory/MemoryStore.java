package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.adapter.persistence.BuiltInHostModel;
import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.application.port.in.StoreUnavailableException;
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
import dev.hostclone.application.port.out.SchemaStatus;
import dev.hostclone.application.port.out.SearchAuditPort;
import dev.hostclone.application.port.out.SearchBusinessesPort;
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
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every storage port, in memory. One lock guards all state but the apps, so a host write, its unique
 * keys and its audit record change together or not at all, exactly as the PostgreSQL adapter's
 * transactions do; and a model change (which raises {@link HostModel#revision()}) never interleaves
 * with a host write, which is refused as stale when planned on another revision. The model itself is
 * immutable and changes only under the lock, so it is read without it: a write planned on a model
 * that changed meanwhile is refused as stale all the same. The apps' secret hashes relate to nothing
 * else and every request reads one: they are kept apart, without the lock ({@link MemoryApps}). For
 * tests, embedding, and trying HostClone out; nothing survives a restart. Its audit records are what
 * grows with every write: it keeps the newest its {@link AuditRetention} says, or all of them.
 *
 * <p>The state is in the package's classes, one concern each ({@link MemoryHosts}, {@link MemoryHostModel},
 * {@link MemoryBusinesses}, {@link MemoryCloudAreas}, {@link AuditLog}), none of them thread-safe: only
 * this class calls them, each call inside {@code locked} but the model's read, so that the lock stays
 * one and its sections can be read in one file.
 */
public final class MemoryStore implements LoadHostsPort, UpdateHostPort, CreateHostsPort, AllocateHostIdsPort,
        LoadHostModelPort, LoadCurrentHostModelPort, ChangeHostModelPort, LoadBusinessPort, CreateBusinessPort, SearchBusinessesPort,
        LoadCloudAreasPort, CreateCloudAreaPort, SearchCloudAreasPort, VerifyAppSecretPort, RegisterAppPort, RemoveAppsPort,
        LoadAuditTrailPort, SearchAuditPort, LoadAuditsPort, StoreReadinessPort {

    private final Object guard = new Object();
    private final SharedValues values = new SharedValues();
    private final AuditLog audit;
    private final MemoryHostModel model;
    private final MemoryHosts hosts;
    private final MemoryBusinesses businesses = new MemoryBusinesses();
    private final MemoryCloudAreas cloudAreas;
    private final MemoryApps apps;
    /**
     * Why the store is closed, null while open: set by {@link #close}, or by a change the heap ran out in the middle
     * of ({@link #changing}). Every later call fails as unavailable with it, as the PostgreSQL store's do once it is
     * closed.
     */
    private volatile String closedBecause;

    /** Keeping every audit record. */
    public MemoryStore(Clock clock) {
        this(clock, new SecretChecks(), AuditRetention.all());
    }

    /**
     * Its apps' secrets checked by {@code secretChecks} and its audit records kept as {@code retention}
     * says; a server counts both into its meters.
     */
    public MemoryStore(Clock clock, SecretChecks secretChecks, AuditRetention retention) {
        this.apps = new MemoryApps(secretChecks);
        this.audit = new AuditLog(values, retention);
        // in whole microseconds, as PostgreSQL's seed (V2) and every time the server's clock gives
        Instant seeded = clock.instant().truncatedTo(ChronoUnit.MICROS);
        this.model = new MemoryHostModel(BuiltInHostModel.load(seeded));
        this.hosts = new MemoryHosts(values, audit, () -> model.current().revision());
        this.cloudAreas = new MemoryCloudAreas(seeded);
    }

    /**
     * From now on every call completes with a {@link StoreUnavailableException} saying the store is closed, as a
     * closed PostgreSQL store's do, so that an application that keeps a use case past its HostClone's close meets in
     * its tests on memory what it would meet on PostgreSQL. What it holds stays, unread, until it is collected.
     */
    public void close() {
        if (closedBecause == null) {
            closedBecause = "the in-memory store is closed";
        }
    }

    /** Ready until closed: the JVM holding it is the store, and it has no schema to migrate. */
    @Override
    public CompletionStage<SchemaStatus> checkStoreReadiness() {
        return unlessClosed(() -> CompletableFuture.completedStage(SchemaStatus.applied("in memory, no schema")));
    }

    // ---- hosts

    @Override
    public CompletionStage<List<Host>> loadHosts(Collection<HostId> ids) {
        Collection<HostId> distinct = ids.size() > 1 ? new LinkedHashSet<>(ids) : ids;
        return locked(() -> hosts.present(distinct));
    }

    @Override
    public CompletionStage<List<Host>> findHostsByInnerIp(CloudAreaId cloud, Collection<IpAddress> ips) {
        List<String> keys = InnerIpIndex.keysOf(cloud, ips);
        return locked(() -> hosts.holdingInnerIps(keys));
    }

    @Override
    public CompletionStage<HostWriteResult> updateHost(HostUpdate update) {
        return changing(() -> hosts.update(update));
    }

    @Override
    public CompletionStage<HostsWriteResult> updateHosts(Collection<HostId> ids, Collection<HostId> readOnly,
                                                         BiFunction<HostModel, List<Host>, Optional<List<HostUpdate>>> plan) {
        Set<HostId> writable = Set.copyOf(ids);
        Set<HostId> readable = Set.copyOf(readOnly);
        List<HostId> inIdOrder = Stream.concat(ids.stream(), readOnly.stream()).distinct()
                .sorted(Comparator.comparingLong(HostId::value)).toList();
        // the model as it is under the lock, which no model change passes until the write is done
        return changing(() -> hosts.update(inIdOrder, writable, readable, locked -> plan.apply(model.current(), locked)));
    }

    @Override
    public CompletionStage<HostsWriteResult> createHosts(long modelRevision, List<HostCreation> creations) {
        return changing(() -> hosts.create(modelRevision, creations));
    }

    @Override
    public CompletionStage<HostsWriteResult> createHostsUnderModelLock(Function<HostModel, List<HostCreation>> plan) {
        // planned under the lock, on the model no change replaces until the hosts are stored
        return changing(() -> {
            HostModel current = model.current();
            return hosts.create(current.revision(), plan.apply(current));
        });
    }

    @Override
    public CompletionStage<List<HostId>> allocateHostIds(int count) {
        return locked(() -> hosts.allocateIds(count));
    }

    // ---- the host model

    @Override
    public CompletionStage<HostModel> loadHostModel() {
        return unlessClosed(() -> CompletableFuture.completedStage(model.current()));
    }

    /** The model itself: no other server changes it. */
    @Override
    public CompletionStage<HostModel> loadCurrentHostModel() {
        return loadHostModel();
    }

    @Override
    public CompletionStage<Attribute> createAttribute(Attribute attribute) {
        return changing(() -> model.createAttribute(attribute));
    }

    /** Under the lock: no host write can pass between reading the hosts and storing their keys. */
    @Override
    public CompletionStage<UniqueRule> createUniqueRule(UniqueRule rule, Function<Host, Collection<UniqueKey>> keysOf) {
        return changing(() -> model.createUniqueRule(rule, keysOf, hosts));
    }

    @Override
    public CompletionStage<Boolean> deleteUniqueRule(long ruleId) {
        return changing(() -> model.deleteUniqueRule(ruleId, hosts));
    }

    // ---- businesses and cloud areas

    @Override
    public CompletionStage<Optional<Business>> loadBusiness(BusinessId id) {
        return locked(() -> businesses.load(id));
    }

    @Override
    public CompletionStage<Business> createBusiness(Map<String, Object> properties) {
        return changing(() -> businesses.create(properties));
    }

    @Override
    public CompletionStage<Page<Business>> searchBusinesses(BusinessQuery query) {
        return locked(() -> businesses.search(query));
    }

    @Override
    public CompletionStage<List<CloudArea>> loadCloudAreas(Collection<CloudAreaId> ids) {
        return locked(() -> cloudAreas.load(ids));
    }

    @Override
    public CompletionStage<CloudArea> createCloudArea(CloudArea area) {
        return changing(() -> cloudAreas.create(area));
    }

    @Override
    public CompletionStage<Page<CloudArea>> searchCloudAreas(CloudAreaQuery query) {
        return locked(() -> cloudAreas.search(query));
    }

    // ---- apps

    @Override
    public CompletionStage<Void> registerApp(String appCode, String secretHash) {
        return unlessClosed(() -> apps.registerApp(appCode, secretHash));
    }

    @Override
    public CompletionStage<Boolean> registerAppIfAbsent(String appCode, String secretHash) {
        return unlessClosed(() -> apps.registerAppIfAbsent(appCode, secretHash));
    }

    @Override
    public CompletionStage<Set<String>> removeAppsOtherThan(Set<String> appCodes) {
        return unlessClosed(() -> apps.removeAppsOtherThan(appCodes));
    }

    @Override
    public CompletionStage<Boolean> removeAppHolding(String appCode, String secretHash) {
        return unlessClosed(() -> apps.removeAppHolding(appCode, secretHash));
    }

    @Override
    public CompletionStage<AppAuthentication> verifyAppSecret(String appCode, String appSecret) {
        return unlessClosed(() -> apps.verifyAppSecret(appCode, appSecret));
    }

    // ---- audit

    @Override
    public CompletionStage<List<AuditRecord>> loadAuditTrail(String resourceType, long resourceId) {
        return locked(() -> audit.trail(resourceType, resourceId));
    }

    @Override
    public CompletionStage<Page<AuditRecord>> searchAudit(AuditQuery query) {
        return locked(() -> audit.search(query));
    }

    @Override
    public CompletionStage<List<AuditRecord>> loadAudits(Collection<Long> ids) {
        return locked(() -> audit.withIds(ids));
    }

    /**
     * Forgets up to {@code limit} of the oldest audit records written before {@code cutoff}, as the PostgreSQL
     * store deletes them, and completes with how many: an operator's retention by age, beside the count kept.
     */
    public CompletionStage<Integer> forgetAuditRecordsBefore(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a batch forgets at least one record, not " + limit);
        }
        return changing(() -> audit.forgetWrittenBefore(cutoff, limit));
    }

    /**
     * Runs {@code action} holding the store's one lock. Reads and writes alike: they take microseconds,
     * and a monitor, which spins briefly before it parks a thread, costs two event loops less than a
     * read-write lock, which parked one at every conflict (a tenth of the server's CPU under load).
     */
    private <T> CompletionStage<T> locked(Supplier<T> action) {
        synchronized (guard) {
            // inside the lock: a call waiting for it as a change ran out of memory finds the store closed, not what
            // that change left
            if (closedBecause != null) {
                return refusedAsClosed();
            }
            try {
                return CompletableFuture.completedStage(action.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedStage(e);
            }
        }
    }

    /**
     * {@code change} {@link #locked}, and the store closed if the heap runs out in its middle, the error thrown on:
     * a change is all-or-nothing against every refusal, each found before the first of its parts is made, but an
     * {@link OutOfMemoryError} can come between two parts (a host stored, its unique keys or audit record not
     * yet), and the store must not serve what it left. The server's JVM ends on it anyway
     * ({@code ExitOnOutOfMemoryError}); an embedding application's, or a plain {@code java -jar}, goes on, and until
     * 2026-12-07 its store did too, with an address held by no host or a change without its record. Only that
     * error: another (a pattern's {@code StackOverflowError}) is thrown as a change is planned, before any part.
     */
    private <T> CompletionStage<T> changing(Supplier<T> change) {
        return locked(() -> {
            try {
                return change.get();
            } catch (OutOfMemoryError e) {
                closedBecause = "the in-memory store is closed: the heap ran out in the middle of a change, which may"
                        + " be half made";
                throw e;
            }
        });
    }

    /** {@code call}'s stage, for the calls that take no lock; once the store is closed, {@link #refusedAsClosed()}. */
    private <T> CompletionStage<T> unlessClosed(Supplier<CompletionStage<T>> call) {
        return closedBecause != null ? refusedAsClosed() : call.get();
    }

    /** What every call answers once the store is closed, saying why. */
    private <T> CompletionStage<T> refusedAsClosed() {
        return CompletableFuture.failedStage(new StoreUnavailableException(closedBecause, null));
    }
}
