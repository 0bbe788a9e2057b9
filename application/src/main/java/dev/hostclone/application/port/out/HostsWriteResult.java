package dev.hostclone.application.port.out;

import java.util.List;

/** What a write of several hosts did: all of them, with their audit records, or none. */
public sealed interface HostsWriteResult {

    /** Every host was written; {@code auditIds} are the records' ids in input order. */
    record AllWritten(List<Long> auditIds) implements HostsWriteResult {
        public AllWritten {
            auditIds = List.copyOf(auditIds);
        }
    }

    /**
     * Nothing was written: a host moved past the version the caller read, the host model moved past
     * the revision the caller planned with, the caller's plan wrote nothing of the hosts as they were, or
     * the database rolled the write back for a concurrent one's sake. Read again and plan anew.
     */
    record Stale() implements HostsWriteResult {}
}
