package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which hosts hold each inner IP, so that a lookup by IP reads no other host. Not thread-safe: the
 * store's lock guards it.
 */
final class InnerIpIndex {

    /**
     * The hosts holding each inner IP (cloud area and address), in the order they took it: one, nearly
     * always. A list nobody changes, replaced when its owners change: one object of 24 bytes per
     * address, where a set was four of about 190.
     */
    private final Map<String, List<HostId>> hostsByInnerIp = new HashMap<>();

    /** The index's keys of {@code ips} in {@code cloud}; touches no state, so a caller makes them before the lock. */
    static List<String> keysOf(CloudAreaId cloud, Collection<IpAddress> ips) {
        List<String> keys = new ArrayList<>(ips.size());
        ips.forEach(ip -> keys.add(ipKey(cloud, ip.text())));
        return keys;
    }

    /** The hosts holding any of {@code keys}, each once, in the order of the keys. */
    Set<HostId> holders(List<String> keys) {
        Set<HostId> found = new LinkedHashSet<>();
        for (String key : keys) {
            found.addAll(hostsByInnerIp.getOrDefault(key, List.of()));
        }
        return found;
    }

    void add(Host host) {
        innerIpKeys(host).forEach(key -> hostsByInnerIp.merge(key, List.of(host.id()), InnerIpIndex::withOwner));
    }

    /** {@code previous} is now {@code next}: re-indexed only when the write changed what the index holds of it. */
    void replace(Host previous, Host next) {
        if (movesInnerIps(previous, next)) {
            remove(previous);
            add(next);
        }
    }

    private void remove(Host host) {
        innerIpKeys(host).forEach(key -> hostsByInnerIp.computeIfPresent(key, (ignored, owners) -> {
            List<HostId> rest = new ArrayList<>(owners);
            rest.remove(host.id());
            return rest.isEmpty() ? null : List.copyOf(rest);
        }));
    }

    /** {@code owners} and then {@code added}'s host, unless it is one of them already. */
    private static List<HostId> withOwner(List<HostId> owners, List<HostId> added) {
        if (owners.containsAll(added)) {
            return owners;
        }
        List<HostId> all = new ArrayList<>(owners);
        all.addAll(added);
        return List.copyOf(all);
    }

    /** Whether the write changed what the inner-IP index holds of the host (never on a clone). */
    private static boolean movesInnerIps(Host previous, Host next) {
        return !Objects.equals(previous.value(HostFields.INNER_IP), next.value(HostFields.INNER_IP))
                || !Objects.equals(previous.value(HostFields.INNER_IP_V6), next.value(HostFields.INNER_IP_V6))
                || !previous.cloud().equals(next.cloud());
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
}
