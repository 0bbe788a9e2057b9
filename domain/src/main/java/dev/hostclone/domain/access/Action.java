package dev.hostclone.domain.access;

/** The IAM actions HostClone checks, with BlueKing's action ids. */
public enum Action {
    /** View a business's hosts and their properties. */
    FIND_BUSINESS_RESOURCE("find_business_resource"),
    /** Change a business's hosts (clone onto, update, add). */
    EDIT_BIZ_HOST("edit_biz_host"),
    /** Create a business. */
    CREATE_BUSINESS("create_business"),
    /** View businesses. */
    FIND_BUSINESS("find_business"),
    /** Create a cloud area. */
    CREATE_CLOUD_AREA("create_cloud_area"),
    /** Change the host model (attributes and unique rules). */
    EDIT_MODEL("edit_model"),
    /** Change the custom fields of a business. */
    EDIT_BUSINESS_CUSTOM_FIELD("edit_biz_custom_field"),
    /** Read audit records. */
    FIND_AUDIT_LOG("find_audit_log");

    private final String id;

    Action(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
