package dev.hostclone.application.port.in;

import dev.hostclone.domain.clone.FieldChange;
import dev.hostclone.domain.host.HostId;
import java.util.List;

/** What a clone did: the fields it changed, or why it had nothing to write. */
public sealed interface CloneOutcome {

    /** The destination was written: each change with its old and new value, and the audit record's id. */
    record Cloned(HostId source, HostId destination, List<FieldChange> changes, long auditId) implements CloneOutcome {
        public Cloned {
            changes = List.copyOf(changes);
        }
    }

    /** Success without a write. */
    record NothingWritten(Reason reason) implements CloneOutcome {}

    enum Reason {
        /** The request named the same IP or the same id on both sides. */
        SAME_HOST_REQUESTED,
        /** Both IPs belong to the same host. */
        SAME_HOST_RESOLVED,
        /** Every cloneable value of the source already equals the destination's, or there is none. */
        ALREADY_EQUAL
    }
}
