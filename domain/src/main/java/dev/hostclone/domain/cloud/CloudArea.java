package dev.hostclone.domain.cloud;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cloud area: an address space in which inner IPs are unique. {@code properties} holds its other
 * attributes as BlueKing names them ({@code bk_cloud_vendor}, {@code bk_region}, {@code bk_vpc_id},
 * {@code bk_vpc_name}, {@code bk_account_id}).
 */
public record CloudArea(CloudAreaId id, String name, String creator, Instant createdAt, Map<String, Object> properties) {

    public static final String DEFAULT_NAME = "Default Area";
    public static final String ID = "bk_cloud_id";
    public static final String NAME = "bk_cloud_name";
    /** The optional attributes create_cloud_area accepts besides the name, in the order BlueKing answers them. */
    public static final List<String> OPTIONAL_PROPERTIES =
            List.of("bk_status", "bk_cloud_vendor", "bk_region", "bk_vpc_id", "bk_vpc_name", "bk_account_id");

    public CloudArea {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        creator = creator == null ? "" : creator;
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties == null ? Map.of() : properties));
    }

    public CloudArea(CloudAreaId id, String name, String creator, Instant createdAt) {
        this(id, name, creator, createdAt, Map.of());
    }

    public boolean isBuiltIn() {
        return id.equals(CloudAreaId.DEFAULT);
    }
}
