package dev.hostclone.domain.audit;

/** What an audited write did, with BlueKing's wire names. */
public enum AuditAction {
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
