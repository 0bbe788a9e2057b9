package dev.hostclone.domain.query;

import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.host.HostFields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * search_cloud_area: areas whose fields equal every entry of {@code condition}, each one of {@link #CONDITIONS}
 * (what the HTTP adapter refuses otherwise); with {@code fuzzy}, string conditions match
 * case-insensitively anywhere in the value. Sorted by one of the {@link #SORTABLE} fields, at most
 * {@link #MAX_LIMIT} areas a page: a page sorted by another field is refused as the query is made, naming
 * {@code sort}, and a longer one as {@code PageLimitExceeded}.
 */
public record CloudAreaQuery(Map<String, Object> condition, boolean fuzzy, PageRequest page) {

    public static final int MAX_LIMIT = 1000;
    /** The fields a page of areas can be sorted by. */
    public static final Set<String> SORTABLE = Set.of(CloudArea.ID, CloudArea.NAME, HostFields.CREATE_TIME);
    /**
     * The fields a condition may name, those an area is searched by ({@link CloudArea#SEARCHABLE}): every field it is
     * answered with but its supplier account and times. Until 2026-12-07 a condition on another, or a misspelt one,
     * found nothing.
     */
    public static final Set<String> CONDITIONS = CloudArea.SEARCHABLE;

    public CloudAreaQuery {
        condition = Collections.unmodifiableMap(new LinkedHashMap<>(condition));
        Objects.requireNonNull(page, "page").requireSortableBy(SORTABLE).requireLimitAtMost(MAX_LIMIT);
    }
}
