package dev.hostclone.application.port.out;

import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.model.UniqueKey;
import java.util.Objects;
import java.util.Set;

/**
 * One host to create: the host (id already allocated), its unique keys (kept in {@link UniqueKey#ORDER}), its audit
 * record.
 */
public record HostCreation(Host host, Set<UniqueKey> uniqueKeys, AuditRecord audit) {

    public HostCreation {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(audit, "audit");
        uniqueKeys = UniqueKey.ordered(uniqueKeys);
    }
}
