package dev.hostclone.domain.clone;

import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import java.util.Collection;

/**
 * Step 7 of API.md §4: which stored hosts a selector names inside its cloud area. The candidates
 * are what the store returned for the selector's keys; this decides, it does not look anything up.
 */
public record ResolvedHosts(Host source, Host destination) {

    public boolean sameHost() {
        return source.id().equals(destination.id());
    }

    public static ResolvedHosts resolve(HostSelector selector, CloudAreaId cloud, Collection<Host> candidates) {
        if (selector instanceof HostSelector.ById byId) {
            return new ResolvedHosts(
                    byId(candidates, cloud, byId.source(), CloneRequestParser.ORG_ID),
                    byId(candidates, cloud, byId.destination(), CloneRequestParser.DST_ID));
        }
        HostSelector.ByInnerIp byIp = (HostSelector.ByInnerIp) selector;
        return new ResolvedHosts(
                byIp(candidates, cloud, byIp.source(), CloneRequestParser.ORG_IP),
                byIp(candidates, cloud, byIp.destination(), CloneRequestParser.DST_IP));
    }

    private static Host byId(Collection<Host> candidates, CloudAreaId cloud, HostId id, String field) {
        for (Host host : candidates) {
            if (host.id().equals(id) && host.cloud().equals(cloud)) {
                return host;
            }
        }
        throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.NO_HOST_MATCHES, id.value()));
    }

    private static Host byIp(Collection<Host> candidates, CloudAreaId cloud, IpAddress ip, String field) {
        Host match = null;
        for (Host host : candidates) {
            if (host.cloud().equals(cloud) && host.hasInnerIp(ip)) {
                if (match != null) {
                    throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.AMBIGUOUS_IP, ip.given()));
                }
                match = host;
            }
        }
        if (match == null) {
            throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.NO_HOST_MATCHES, ip.given()));
        }
        return match;
    }
}
