package dev.hostclone.application.service;

import dev.hostclone.application.port.out.ChangeHostModelPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadCurrentHostModelPort;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueRule;
import dev.hostclone.domain.testing.HostModels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Hosts in a map and the host model they are stored under, with conditional writes as a real store
 * makes them: a write planned on an older host version or model revision is stale, and a batch is planned
 * on the hosts and the model as they are when it is written.
 * {@link #beforeEachWrite} lets a test slip a concurrent change in.
 */
final class FakeHosts implements LoadHostsPort, UpdateHostPort, CreateHostsPort, LoadHostModelPort,
        LoadCurrentHostModelPort, ChangeHostModelPort {

    final Map<HostId, Host> hosts = new LinkedHashMap<>();
    final List<HostUpdate> written = new ArrayList<>();
    /** Unique keys filed by rule id, as the store keeps them: key text to owner. */
    final Map<Long, Map<String, HostId>> keysByRule = new HashMap<>();
    HostModel model = HostModels.standard();
    int writeAttempts;
    /** Writes planned under the locks ({@link #updateHosts}), a subset of {@link #writeAttempts}. */
    int lockedWrites;
    /** The hosts each of {@link #lockedWrites} named only to be read. */
    final List<List<HostId>> lockedReadOnly = new ArrayList<>();
    int modelLoads;
    /** The hosts created ({@link #createHosts}, {@link #createHostsUnderModelLock}), in order. */
    final List<HostCreation> created = new ArrayList<>();
    /**
     * How many locked writes (creations and updates), the first ones, the database rolls back for a concurrent
     * one's sake (a deadlock between key claims): planned, then answered stale.
     */
    int lockedWritesRolledBack;
    Consumer<FakeHosts> beforeEachWrite = fake -> { };

    FakeHosts with(Host... added) {
        for (Host host : added) {
            hosts.put(host.id(), host);
        }
        return this;
    }

    /** A concurrent model change: the revision moves on, so writes planned before it are stale. */
    void changeModel() {
        model = new HostModel(model.attributes(), model.uniqueRules(), model.revision() + 1);
    }

    /** A concurrent host write: the version moves on. */
    void touch(HostId id, Map<String, Object> changes) {
        hosts.put(id, hosts.get(id).with(changes));
    }

    @Override
    public CompletionStage<List<Host>> loadHosts(Collection<HostId> ids) {
        return CompletableFuture.completedStage(ids.stream().filter(hosts::containsKey).map(hosts::get).toList());
    }

    @Override
    public CompletionStage<List<Host>> findHostsByInnerIp(CloudAreaId cloud, Collection<IpAddress> ips) {
        return CompletableFuture.completedStage(hosts.values().stream()
                .filter(host -> host.cloud().equals(cloud) && ips.stream().anyMatch(host::hasInnerIp))
                .toList());
    }

    @Override
    public CompletionStage<HostWriteResult> updateHost(HostUpdate update) {
        writeAttempts++;
        beforeEachWrite.accept(this);
        if (stale(update)) {
            return CompletableFuture.completedStage(new HostWriteResult.Stale());
        }
        Host next = apply(update);
        return CompletableFuture.completedStage(new HostWriteResult.Written(next.version(), written.size()));
    }

    @Override
    public CompletionStage<HostsWriteResult> updateHosts(Collection<HostId> ids, Collection<HostId> readOnly,
                                                         BiFunction<HostModel, List<Host>, Optional<List<HostUpdate>>> plan) {
        writeAttempts++;
        lockedWrites++;
        lockedReadOnly.add(List.copyOf(readOnly));
        beforeEachWrite.accept(this);
        // the model as the locks hold it: after whatever change beforeEachWrite slipped in
        Optional<List<HostUpdate>> planned = plan.apply(model, Stream.concat(ids.stream(), readOnly.stream()).distinct()
                .sorted(Comparator.comparingLong(HostId::value)).filter(hosts::containsKey).map(hosts::get).toList());
        if (planned.isEmpty() || lockedWrites <= lockedWritesRolledBack) {
            return CompletableFuture.completedStage(new HostsWriteResult.Stale());
        }
        List<HostUpdate> updates = planned.get();
        if (updates.stream().anyMatch(update -> stale(update) || !update.locksOnly(Set.copyOf(ids), Set.copyOf(readOnly)))) {
            return CompletableFuture.completedStage(new HostsWriteResult.Stale());
        }
        List<Long> auditIds = new ArrayList<>();
        for (HostUpdate update : updates) {
            apply(update);
            auditIds.add((long) written.size());
        }
        return CompletableFuture.completedStage(new HostsWriteResult.AllWritten(auditIds));
    }

    @Override
    public CompletionStage<HostsWriteResult> createHosts(long modelRevision, List<HostCreation> creations) {
        writeAttempts++;
        beforeEachWrite.accept(this);
        if (modelRevision != model.revision()) {
            return CompletableFuture.completedStage(new HostsWriteResult.Stale());
        }
        return created(creations);
    }

    @Override
    public CompletionStage<HostsWriteResult> createHostsUnderModelLock(Function<HostModel, List<HostCreation>> plan) {
        writeAttempts++;
        lockedWrites++;
        beforeEachWrite.accept(this);
        // planned on the model as the lock holds it: after whatever change beforeEachWrite slipped in
        List<HostCreation> planned = plan.apply(model);
        if (lockedWrites <= lockedWritesRolledBack) {
            return CompletableFuture.completedStage(new HostsWriteResult.Stale());
        }
        return created(planned);
    }

    private CompletionStage<HostsWriteResult> created(List<HostCreation> creations) {
        List<Long> auditIds = new ArrayList<>();
        for (HostCreation creation : creations) {
            hosts.put(creation.host().id(), creation.host());
            created.add(creation);
            auditIds.add((long) created.size());
        }
        return CompletableFuture.completedStage(new HostsWriteResult.AllWritten(auditIds));
    }

    @Override
    public CompletionStage<HostModel> loadHostModel() {
        modelLoads++;
        return CompletableFuture.completedStage(model);
    }

    @Override
    public CompletionStage<HostModel> loadCurrentHostModel() {
        return loadHostModel();
    }

    @Override
    public CompletionStage<Attribute> createAttribute(Attribute attribute) {
        long id = model.attributes().stream().mapToLong(Attribute::id).max().orElse(0) + 1;
        Attribute stored = attribute.withId(id);
        model = model.withAttribute(stored);
        return CompletableFuture.completedStage(stored);
    }

    /** Files every host's keys under the id it assigns, refusing the rule when two hosts share one. */
    @Override
    public CompletionStage<UniqueRule> createUniqueRule(UniqueRule rule, Function<Host, Collection<UniqueKey>> keysOf) {
        long id = model.uniqueRules().stream().mapToLong(UniqueRule::id).max().orElse(0) + 1;
        Map<String, HostId> owners = new HashMap<>();
        for (Host host : hosts.values()) {
            for (UniqueKey computed : keysOf.apply(host)) {
                UniqueKey key = computed.underRule(id);
                if (owners.putIfAbsent(key.text(), host.id()) != null) {
                    return CompletableFuture.failedStage(RejectedException.because(
                            new Failure.ExistingDataViolatesRule(key.fields(), key.values())));
                }
            }
        }
        UniqueRule stored = rule.withId(id);
        keysByRule.put(id, owners);
        model = model.withUniqueRule(stored);
        return CompletableFuture.completedStage(stored);
    }

    @Override
    public CompletionStage<Boolean> deleteUniqueRule(long ruleId) {
        boolean exists = model.uniqueRule(ruleId).isPresent();
        if (exists) {
            model = model.withoutUniqueRule(ruleId);
            keysByRule.remove(ruleId);
        }
        return CompletableFuture.completedStage(exists);
    }

    private boolean stale(HostUpdate update) {
        Host current = hosts.get(update.host());
        Host source = update.copiedFrom() == null ? null : hosts.get(update.copiedFrom().host());
        return current == null || current.version() != update.expectedVersion()
                || update.modelRevision() != model.revision()
                || update.copiedFrom() != null && (source == null || source.version() != update.copiedFrom().version());
    }

    private Host apply(HostUpdate update) {
        Host next = hosts.get(update.host()).with(update.changes());
        hosts.put(next.id(), next);
        written.add(update);
        return next;
    }
}
