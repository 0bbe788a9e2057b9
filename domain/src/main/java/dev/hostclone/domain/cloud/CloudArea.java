package dev.hostclone.domain.cloud;

import java.time.Instant;
import java.util.Objects;

/** A cloud area: an address space in which inner IPs are unique. */
public record CloudArea(CloudAreaId id, String name, String creator, Instant createdAt) {

    public static final String DEFAULT_NAME = "Default Area";

    public CloudArea {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        creator = creator == null ? "" : creator;
    }

    public boolean isBuiltIn() {
        return id.equals(CloudAreaId.DEFAULT);
    }
}
