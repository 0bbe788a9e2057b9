package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.adapter.persistence.BuiltInHostModel;
import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.application.port.in.AppAuthentication;
import dev.hostclone.application.port.out.AllocateHostIdsPort;
import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.LoadAuditTrailPort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.application.port.out.LoadCloudAreasPort;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.RegisterAppPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Every storage port, in memory. One read-write lock guards all state, so a host write, its unique
 * keys and its audit record change together or not at all, exactly as the PostgreSQL adapter's
 * transactions do. For tests, embedding, and trying HostClone out; nothing survives a restart.
 */
public final class MemoryStore implements LoadHostsPort, UpdateHostPort, CreateHostsPort, AllocateHostIdsPort,
        LoadHostModelPort, LoadBusinessPort, CreateBusinessPort, LoadCloudAreasPort, VerifyAppSecretPort,
        RegisterAppPort, LoadAuditTrailPort {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final SecretHashing hashing = new SecretHashing();

    private final Map<HostId, Host> hosts = new HashMap<>();
    private final Map<String, Set<HostId>> hostsByInnerIp = new HashMap<>();
    private final Map<String, HostId> uniqueKeyOwners = new HashMap<>();
    private final Map<HostId, Set<UniqueKey>> uniqueKeysOfHost = new HashMap<>();
    private final Map<BusinessId, Business> businesses = new LinkedHashMap<>();
    private final Map<CloudAreaId, CloudArea> cloudAreas = new LinkedHashMap<>();
    private final List<AuditRecord> audit = new ArrayList<>();
    private final Map<String, String> appSecretHashes = new HashMap<>();
    private HostModel model;
    private long lastHostId;
    private long lastBusinessId;

    public MemoryStore(Clock clock) {
        this.model = BuiltInHostModel.load(clock.instant());
        cloudAreas.put(CloudAreaId.DEFAULT, new CloudArea(CloudAreaId.DEFAULT, CloudArea.DEFAULT_NAME, "", clock.instant()));
    }

    @Override
    public CompletionStage<List<Host>> loadHosts(Collection<HostId> ids) {
        return read(() -> ids.stream().distinct().map(hosts::get).filter(Objects::nonNull).toList());
    }

    @Override
    public CompletionStage<List<Host>> findHostsByInnerIp(CloudAreaId cloud, Collection<IpAddress> ips) {
        return read(() -> {
            Set<HostId> found = new LinkedHashSet<>();
            ips.forEach(ip -> found.addAll(hostsByInnerIp.getOrDefault(ipKey(cloud, ip.text()), Set.of())));
            return found.stream().map(hosts::get).toList();
        });
    }

    @Override
    public CompletionStage<HostWriteResult> updateHost(HostUpdate update) {
        return write(() -> {
            Host current = hosts.get(update.host());
            if (current == null || current.version() != update.expectedVersion()) {
                return new HostWriteResult.Stale();
            }
            if (update.uniqueKeys() != null) {
                claimUniqueKeys(current.id(), update.uniqueKeys());
            }
            Host next = current.with(update.changes());
            unindex(current);
            hosts.put(next.id(), next);
            index(next);
            long auditId = append(update.audit());
            return new HostWriteResult.Written(next.version(), auditId);
        });
    }

    @Override
    public CompletionStage<Void> createHosts(List<HostCreation> creations) {
        return write(() -> {
            Map<String, HostId> claimed = new HashMap<>();
            for (HostCreation creation : creations) {
                for (UniqueKey key : creation.uniqueKeys()) {
                    HostId owner = uniqueKeyOwners.get(key.text());
                    if ((owner != null && !owner.equals(creation.host().id()))
                            || claimed.putIfAbsent(key.text(), creation.host().id()) != null) {
                        throw RejectedException.because(new Failure.Duplicated(key.fields(), key.values()));
                    }
                }
            }
            for (HostCreation creation : creations) {
                Host host = creation.host();
                hosts.put(host.id(), host);
                index(host);
                creation.uniqueKeys().forEach(key -> uniqueKeyOwners.put(key.text(), host.id()));
                uniqueKeysOfHost.put(host.id(), Set.copyOf(creation.uniqueKeys()));
                append(creation.audit());
            }
            return null;
        });
    }

    @Override
    public CompletionStage<List<HostId>> allocateHostIds(int count) {
        return write(() -> {
            List<HostId> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(HostId.of(++lastHostId));
            }
            return ids;
        });
    }

    @Override
    public CompletionStage<HostModel> loadHostModel() {
        return read(() -> model);
    }

    @Override
    public CompletionStage<Optional<Business>> loadBusiness(BusinessId id) {
        return read(() -> Optional.ofNullable(businesses.get(id)));
    }

    @Override
    public CompletionStage<Business> createBusiness(Map<String, Object> properties) {
        return write(() -> {
            Object name = properties.get(Business.NAME);
            boolean taken = businesses.values().stream().anyMatch(business -> business.name().equals(name));
            if (taken) {
                throw RejectedException.because(new Failure.Duplicated(List.of(Business.NAME), List.of(name)));
            }
            BusinessId id = BusinessId.of(++lastBusinessId);
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put(Business.ID, id.value());
            stored.putAll(properties);
            Business business = new Business(id, stored);
            businesses.put(id, business);
            return business;
        });
    }

    @Override
    public CompletionStage<List<CloudArea>> loadCloudAreas(Collection<CloudAreaId> ids) {
        return read(() -> ids.stream().distinct().map(cloudAreas::get).filter(Objects::nonNull).toList());
    }

    @Override
    public CompletionStage<Void> registerApp(String appCode, String appSecret) {
        String hash = SecretHashing.hash(appSecret);
        return write(() -> {
            appSecretHashes.put(appCode, hash);
            return null;
        });
    }

    @Override
    public CompletionStage<AppAuthentication> verifyAppSecret(String appCode, String appSecret) {
        return read(() -> Optional.ofNullable(appSecretHashes.get(appCode)))
                .thenApply(stored -> stored
                        .map(hash -> hashing.matches(appSecret, hash) ? AppAuthentication.ACCEPTED : AppAuthentication.WRONG_SECRET)
                        .orElse(AppAuthentication.UNKNOWN_APP));
    }

    @Override
    public CompletionStage<List<AuditRecord>> loadAuditTrail(String resourceType, long resourceId) {
        return read(() -> audit.stream()
                .filter(record -> record.resourceType().equals(resourceType) && record.resourceId() == resourceId)
                .toList());
    }

    private void claimUniqueKeys(HostId host, Set<UniqueKey> keys) {
        for (UniqueKey key : keys) {
            HostId owner = uniqueKeyOwners.get(key.text());
            if (owner != null && !owner.equals(host)) {
                throw RejectedException.because(new Failure.Duplicated(key.fields(), key.values()));
            }
        }
        uniqueKeysOfHost.getOrDefault(host, Set.of()).forEach(key -> uniqueKeyOwners.remove(key.text()));
        keys.forEach(key -> uniqueKeyOwners.put(key.text(), host));
        uniqueKeysOfHost.put(host, Set.copyOf(keys));
    }

    private long append(AuditRecord record) {
        long id = audit.size() + 1L;
        audit.add(record.withId(id));
        return id;
    }

    private void index(Host host) {
        innerIpKeys(host).forEach(key -> hostsByInnerIp.computeIfAbsent(key, ignored -> new LinkedHashSet<>()).add(host.id()));
    }

    private void unindex(Host host) {
        innerIpKeys(host).forEach(key -> {
            Set<HostId> owners = hostsByInnerIp.get(key);
            if (owners != null) {
                owners.remove(host.id());
                if (owners.isEmpty()) {
                    hostsByInnerIp.remove(key);
                }
            }
        });
    }

    private static List<String> innerIpKeys(Host host) {
        List<String> keys = new ArrayList<>();
        host.innerIps().forEach(ip -> keys.add(ipKey(host.cloud(), ip)));
        host.innerIpsV6().forEach(ip -> keys.add(ipKey(host.cloud(), ip)));
        return keys;
    }

    private static String ipKey(CloudAreaId cloud, String ip) {
        return cloud.value() + "/" + ip;
    }

    private <T> CompletionStage<T> read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return CompletableFuture.completedStage(action.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedStage(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> CompletionStage<T> write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return CompletableFuture.completedStage(action.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedStage(e);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
