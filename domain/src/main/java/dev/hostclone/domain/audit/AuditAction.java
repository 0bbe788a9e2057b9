package dev.hostclone.domain.audit;

/**
 * What an audited write did, with BlueKing's wire names. HostClone records the first three; the others are
 * BlueKing's host actions a caller may filter list_operation_audit on (its reference lists them), which find no
 * record here rather than being refused.
 */
public enum AuditAction {
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete"),
    ASSIGN_HOST("assign_host"),
    UNASSIGN_HOST("unassign_host"),
    TRANSFER_HOST_MODULE("transfer_host_module"),
    ARCHIVE("archive"),
    RECOVER("recover");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
