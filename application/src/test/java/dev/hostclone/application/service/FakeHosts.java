package dev.hostclone.application.service;

import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Hosts in a map, with conditional writes; {@link #beforeEachWrite} lets a test slip a concurrent change in. */
final class FakeHosts implements LoadHostsPort, UpdateHostPort {

    final Map<HostId, Host> hosts = new LinkedHashMap<>();
    final List<HostUpdate> written = new ArrayList<>();
    int writeAttempts;
    Consumer<FakeHosts> beforeEachWrite = fake -> { };

    FakeHosts with(Host... added) {
        for (Host host : added) {
            hosts.put(host.id(), host);
        }
        return this;
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
        Host current = hosts.get(update.host());
        if (current == null || current.version() != update.expectedVersion()) {
            return CompletableFuture.completedStage(new HostWriteResult.Stale());
        }
        Host next = current.with(update.changes());
        hosts.put(next.id(), next);
        written.add(update);
        return CompletableFuture.completedStage(new HostWriteResult.Written(next.version(), written.size()));
    }
}
