package dev.hostclone.application.port.in;

import dev.hostclone.domain.business.BusinessId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Hosts to add to a business, each as its attribute values (JSON-decoded). */
public record AddHostsCommand(BusinessId business, List<Map<String, Object>> hosts) {

    public static final int MAX_HOSTS = 200;

    public AddHostsCommand {
        Objects.requireNonNull(business, "business");
        hosts = List.copyOf(hosts);
    }
}
