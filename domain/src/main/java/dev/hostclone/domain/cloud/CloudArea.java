package dev.hostclone.domain.cloud;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cloud area: an address space in which inner IPs are unique. {@code properties} holds its other
 * attributes as BlueKing names them ({@code bk_cloud_vendor}, {@code bk_region}, {@code bk_vpc_id},
 * {@code bk_vpc_name}, {@code bk_account_id}).
 */
public record CloudArea(CloudAreaId id, String name, String creator, Instant createdAt, Map<String, Object> properties) {

    public static final String DEFAULT_NAME = "Default Area";
    public static final String ID = "bk_cloud_id";
    public static final String NAME = "bk_cloud_name";
    /** Who made it, and (areas are never edited here) who last changed it, as BlueKing answers them. */
    public static final String CREATOR = "bk_creator";
    public static final String LAST_EDITOR = "bk_last_editor";
    /** 1 for the built-in area, 0 for every other, as BlueKing answers it. */
    public static final String BUILT_IN = "default";
    /** The one optional attribute that is an integer; the others are strings. */
    public static final String ACCOUNT_ID = "bk_account_id";
    /** The optional attributes create_cloud_area accepts besides the name, in the order BlueKing answers them. */
    public static final List<String> OPTIONAL_PROPERTIES =
            List.of("bk_status", "bk_cloud_vendor", "bk_region", "bk_vpc_id", "bk_vpc_name", ACCOUNT_ID);

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

    /**
     * What an optional attribute is while unset (never given, or given as null): {@code ""}, or 0 for
     * {@link #ACCOUNT_ID}. BlueKing stores it so at creation, so it answers it and a search for it finds it.
     */
    public static Object unsetValue(String optionalProperty) {
        return optionalProperty.equals(ACCOUNT_ID) ? (Object) 0L : "";
    }

    /** The fields {@link #searchable} holds, which a search's condition may name ({@code CloudAreaQuery#CONDITIONS}). */
    public static final Set<String> SEARCHABLE = Stream.concat(Stream.of(ID, NAME, CREATOR, LAST_EDITOR, BUILT_IN),
            OPTIONAL_PROPERTIES.stream()).collect(Collectors.toUnmodifiableSet());

    /**
     * What a search's condition sees, {@link #SEARCHABLE}: the properties as {@link #propertiesWithUnsetValues}, the
     * id, the name, the creator (the last editor too) and {@link #BUILT_IN}.
     */
    public Map<String, Object> searchable() {
        Map<String, Object> fields = propertiesWithUnsetValues();
        fields.put(ID, id.value());
        fields.put(NAME, name);
        fields.put(CREATOR, creator);
        fields.put(LAST_EDITOR, creator);
        fields.put(BUILT_IN, isBuiltIn() ? 1L : 0L);
        return fields;
    }

    /**
     * The properties as BlueKing answers and searches them: those set, then each optional one unset at its
     * {@linkplain #unsetValue unset value}.
     */
    public Map<String, Object> propertiesWithUnsetValues() {
        Map<String, Object> all = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (value != null) {
                all.put(key, value);
            }
        });
        for (String key : OPTIONAL_PROPERTIES) {
            all.putIfAbsent(key, unsetValue(key));
        }
        return all;
    }
}
