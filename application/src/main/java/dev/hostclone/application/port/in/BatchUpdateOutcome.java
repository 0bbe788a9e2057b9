package dev.hostclone.application.port.in;

import dev.hostclone.domain.host.HostId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a batch update wrote: each host, in the request's order, with the fields it set and its audit record's id. */
public record BatchUpdateOutcome(List<Updated> hosts) {

    /**
     * One host written: the fields as set (trimmed and typed as stored; a null clears its field), and
     * the id of the audit record of the write.
     */
    public record Updated(HostId host, Map<String, Object> fields, long auditId) {

        public Updated {
            // not Map.copyOf, which refuses the nulls that clear fields
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    public BatchUpdateOutcome {
        hosts = List.copyOf(hosts);
    }
}
