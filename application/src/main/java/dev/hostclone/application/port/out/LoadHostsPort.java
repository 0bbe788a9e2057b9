package dev.hostclone.application.port.out;

import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Reads hosts by id, or by inner address inside one cloud area. */
public interface LoadHostsPort {

    /** The hosts among {@code ids} that exist, in any order. */
    CompletionStage<List<Host>> loadHosts(Collection<HostId> ids);

    /** Every host in {@code cloud} holding any of {@code ips} among its inner addresses (IPv4 or IPv6). */
    CompletionStage<List<Host>> findHostsByInnerIp(CloudAreaId cloud, Collection<IpAddress> ips);
}
