package dev.hostclone.domain.clone;

import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import java.util.Collection;
import java.util.List;

/**
 * Step 7 of API.md §4: which stored hosts a selector names inside its cloud area. The candidates
 * are what the store returned for the selector's keys; this decides, it does not look anything up.
 */
public record ResolvedHosts(Host source, Host destination) {

    public boolean sameHost() {
        return source.id().equals(destination.id());
    }

    public static ResolvedHosts resolve(HostSelector selector, CloudAreaId cloud, Collection<Host> candidates) {
        List<Host> inCloud = candidates.stream().filter(host -> host.cloud().equals(cloud)).toList();
        if (selector instanceof HostSelector.ById byId) {
            return new ResolvedHosts(
                    byId(inCloud, byId.source(), CloneRequestParser.ORG_ID),
                    byId(inCloud, byId.destination(), CloneRequestParser.DST_ID));
        }
        HostSelector.ByInnerIp byIp = (HostSelector.ByInnerIp) selector;
        return new ResolvedHosts(
                byIp(inCloud, byIp.source(), CloneRequestParser.ORG_IP),
                byIp(inCloud, byIp.destination(), CloneRequestParser.DST_IP));
    }

    private static Host byId(List<Host> hosts, HostId id, String field) {
        return hosts.stream()
                .filter(host -> host.id().equals(id))
                .findFirst()
                .orElseThrow(() -> RejectedException.because(
                        new Failure.InvalidValue(field, InvalidReason.NO_HOST_MATCHES, id.value())));
    }

    private static Host byIp(List<Host> hosts, IpAddress ip, String field) {
        List<Host> matches = hosts.stream().filter(host -> host.hasInnerIp(ip)).toList();
        if (matches.isEmpty()) {
            throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.NO_HOST_MATCHES, ip.text()));
        }
        if (matches.size() > 1) {
            throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.AMBIGUOUS_IP, ip.text()));
        }
        return matches.get(0);
    }
}
