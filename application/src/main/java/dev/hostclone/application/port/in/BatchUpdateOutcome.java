package dev.hostclone.application.port.in;

import dev.hostclone.domain.host.HostId;
import java.util.List;
import java.util.Map;

/** What a batch update wrote: each host, in the request's order, with the fields it set and its audit record's id. */
public record BatchUpdateOutcome(List<Updated> hosts) {

    /** One host written: the fields as set (trimmed and typed as stored), and the id of the audit record of the write. */
    public record Updated(HostId host, Map<String, Object> fields, long auditId) {

        public Updated {
            fields = Map.copyOf(fields);
        }
    }

    public BatchUpdateOutcome {
        hosts = List.copyOf(hosts);
    }
}
