package dev.hostclone.domain.model;

import java.util.Arrays;
import java.util.Optional;

/** The types of host attributes, with the names BlueKing uses on the wire. */
public enum AttributeType {
    SINGLECHAR, LONGCHAR, INT, FLOAT, ENUM, ENUMMULTI, DATE, TIME, OBJUSER, TIMEZONE, BOOL, LIST,
    /** Built-in only: a reference such as {@code bk_cloud_id}. */
    FOREIGNKEY;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<AttributeType> fromWire(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName().equals(name)).findFirst();
    }

    /** Types a caller may give a new attribute (API.md §5). */
    public boolean creatable() {
        return this != FOREIGNKEY;
    }
}
