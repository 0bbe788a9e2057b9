package dev.hostclone.application.port.out;

/** The result of a conditional host write. */
public sealed interface HostWriteResult {

    /** Written: the host is now at {@code newVersion}, and the audit record has {@code auditId}. */
    record Written(long newVersion, long auditId) implements HostWriteResult {}

    /** Not written: the host changed (or vanished) since it was read, or the database rolled the write back for a concurrent one's sake. */
    record Stale() implements HostWriteResult {}
}
