package dev.hostclone.domain.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * search_business: businesses whose properties equal every entry of {@code condition}; when
 * {@code maintainer} is set, only those listing that user in {@code bk_biz_maintainer} (what a user
 * who is no administrator may see). Sortable by {@code bk_biz_id} and {@code bk_biz_name}.
 */
public record BusinessQuery(Map<String, Object> condition, String maintainer, PageRequest page) {

    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 20;

    public BusinessQuery {
        condition = Collections.unmodifiableMap(new LinkedHashMap<>(condition));
        Objects.requireNonNull(page, "page");
    }

    public BusinessQuery visibleTo(String user) {
        return new BusinessQuery(condition, user, page);
    }
}
