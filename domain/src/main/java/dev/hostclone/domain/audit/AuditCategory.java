package dev.hostclone.domain.audit;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * BlueKing's categories of audit records, with their wire names: each is a set of audit types, and a
 * search by category finds the records of those types. HostClone writes records of type
 * {@link AuditRecord#HOST} only, which are the host category's; the others hold no type it writes.
 */
public enum AuditCategory {
    HOST("host", Set.of(AuditRecord.HOST)),
    BUSINESS("business", Set.of()),
    RESOURCE("resource", Set.of()),
    OTHER("other", Set.of());

    private final String wireName;
    private final Set<String> auditTypes;

    AuditCategory(String wireName, Set<String> auditTypes) {
        this.wireName = wireName;
        this.auditTypes = auditTypes;
    }

    /** The category of this wire name, if there is one. */
    public static Optional<AuditCategory> named(String wireName) {
        return Arrays.stream(values()).filter(category -> category.wireName.equals(wireName)).findFirst();
    }

    public String wireName() {
        return wireName;
    }

    /** The audit types of its records. */
    public Set<String> auditTypes() {
        return auditTypes;
    }
}
