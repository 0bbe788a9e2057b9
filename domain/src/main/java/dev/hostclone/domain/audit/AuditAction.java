package dev.hostclone.domain.audit;

/**
 * What an audited write did, with BlueKing's wire names: every action of its {@code ActionType}. HostClone records
 * the first three; a caller may filter list_operation_audit on any other, which finds no record here rather than
 * being refused. ({@code stop} and {@code resume}, BlueKing's pausing of an object and its resumption, since
 * 2026-12-07: a filter on them was refused with 1199006.)
 */
public enum AuditAction {
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete"),
    ASSIGN_HOST("assign_host"),
    UNASSIGN_HOST("unassign_host"),
    TRANSFER_HOST_MODULE("transfer_host_module"),
    ARCHIVE("archive"),
    RECOVER("recover"),
    STOP("stop"),
    RESUME("resume");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
