package dev.hostclone.domain.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * search_cloud_area: areas whose fields equal every entry of {@code condition} ({@code bk_cloud_id},
 * {@code bk_cloud_name}, or another area property); with {@code fuzzy}, string conditions match
 * case-insensitively anywhere in the value. Sortable by {@code bk_cloud_id}, {@code bk_cloud_name}
 * and {@code create_time} (default {@code -create_time}).
 */
public record CloudAreaQuery(Map<String, Object> condition, boolean fuzzy, PageRequest page) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 1000;

    public CloudAreaQuery {
        condition = Collections.unmodifiableMap(new LinkedHashMap<>(condition));
        Objects.requireNonNull(page, "page");
    }
}
