package dev.hostclone.domain.clone;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import java.util.Objects;

/**
 * A valid clone request: copy the cloneable properties of one host onto another, both in
 * {@code business} and looked up inside {@code cloud}. Built by {@link CloneRequestParser} from
 * wire parameters, or directly by the named factories.
 */
public record CloneHostPropertyCommand(BusinessId business, CloudAreaId cloud, HostSelector hosts) {

    public CloneHostPropertyCommand {
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(hosts, "hosts");
    }

    public static CloneHostPropertyCommand byInnerIp(BusinessId business, CloudAreaId cloud,
                                                     IpAddress source, IpAddress destination) {
        return new CloneHostPropertyCommand(business, cloud, new HostSelector.ByInnerIp(source, destination));
    }

    public static CloneHostPropertyCommand byHostId(BusinessId business, CloudAreaId cloud,
                                                    HostId source, HostId destination) {
        return new CloneHostPropertyCommand(business, cloud, new HostSelector.ById(source, destination));
    }
}
