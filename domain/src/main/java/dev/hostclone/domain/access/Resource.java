package dev.hostclone.domain.access;

import java.util.Objects;

/** One step of a resource path in a permission ({@code {"type":"biz","id":"2"}}). */
public record Resource(String type, String id) {

    public static final String BUSINESS = "biz";
    public static final String HOST = "host";
    /** The resource type of platform-wide permissions on the host model (attributes, unique rules). */
    public static final String MODEL = "sys_model";
    /** The resource type of platform-wide permissions on cloud areas. */
    public static final String CLOUD_AREA = "sys_cloud_area";
    /** The resource type of platform-wide permissions on audit records. */
    public static final String AUDIT_LOG = "sys_audit_log";

    public Resource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static Resource business(long id) {
        return new Resource(BUSINESS, Long.toString(id));
    }

    public static Resource host(long id) {
        return new Resource(HOST, Long.toString(id));
    }
}
