package dev.hostclone.application.port.in;

import dev.hostclone.domain.host.HostId;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of batch_update_host: the host and the properties to set on it, as sent; values of the Java
 * types {@link AddHostsCommand} lists.
 */
public record HostPropertiesUpdate(HostId host, Map<String, Object> properties) {

    public HostPropertiesUpdate {
        Objects.requireNonNull(host, "host");
        properties = Fields.copyOf(properties, "properties");
    }
}
