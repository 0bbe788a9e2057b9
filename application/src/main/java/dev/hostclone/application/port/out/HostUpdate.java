package dev.hostclone.application.port.out;

import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.host.Documents;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.UniqueKey;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One host write: the fields to set, the host version and the host-model revision they were planned
 * against, the host's unique keys after the write (kept in {@link UniqueKey#ORDER}; {@code null} when no key
 * field changes), the audit record to append, and the host the fields were copied from ({@code null} when
 * none). The record's {@code pre_data} is the host's document at the expected version, which is the store's
 * own: a store may take it from the row it replaces rather than from the record (PostgreSQL does, and so never
 * receives it).
 */
public record HostUpdate(HostId host, long expectedVersion, long modelRevision, Map<String, Object> changes,
                         Set<UniqueKey> uniqueKeys, AuditRecord audit, CopiedFrom copiedFrom) {

    /**
     * The host a write copies its fields from, at the version they were read at: the write happens only
     * while that host is still at that version, and holds it there until it is done. Without it, two
     * clones crossing (A onto B, B onto A) each wrote the other's old values and swapped the hosts,
     * which neither order of the two would have done.
     */
    public record CopiedFrom(HostId host, long version) {

        public CopiedFrom {
            Objects.requireNonNull(host, "host");
        }
    }

    public HostUpdate {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(audit, "audit");
        changes = Documents.frozen(changes);
        uniqueKeys = uniqueKeys == null ? null : UniqueKey.ordered(uniqueKeys);
    }

    /**
     * Whether the hosts this write locks are all held already: the one it writes among {@code written},
     * the one it copies from, if any, among {@code written} or {@code read}.
     */
    public boolean locksOnly(Set<HostId> written, Set<HostId> read) {
        return written.contains(host)
                && (copiedFrom == null || written.contains(copiedFrom.host()) || read.contains(copiedFrom.host()));
    }

    /** A write that copies from no other host. */
    public HostUpdate(HostId host, long expectedVersion, long modelRevision, Map<String, Object> changes,
                      Set<UniqueKey> uniqueKeys, AuditRecord audit) {
        this(host, expectedVersion, modelRevision, changes, uniqueKeys, audit, null);
    }
}
