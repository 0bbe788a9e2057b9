package dev.hostclone.domain.clone;

import java.util.Objects;

/** One field a write changes: its value before and after. */
public record FieldChange(String field, Object before, Object after) {

    public FieldChange {
        Objects.requireNonNull(field, "field");
    }
}
