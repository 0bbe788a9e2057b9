package dev.hostclone.application.port.in;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hosts to add to a business, each as its attribute values (JSON-decoded): 1 to {@link #MAX_HOSTS} of
 * them, or a rejection naming {@code bk_host_list}. Whether each host's values fit the model is the use
 * case's to check.
 */
public record AddHostsCommand(BusinessId business, List<Map<String, Object>> hosts) {

    public static final int MAX_HOSTS = 200;
    private static final String HOST_LIST = "bk_host_list";

    public AddHostsCommand {
        Objects.requireNonNull(business, "business");
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw RejectedException.because(new Failure.MissingField(HOST_LIST));
        }
        if (hosts.size() > MAX_HOSTS) {
            throw RejectedException.because(new Failure.TooMany(HOST_LIST, MAX_HOSTS));
        }
    }
}
