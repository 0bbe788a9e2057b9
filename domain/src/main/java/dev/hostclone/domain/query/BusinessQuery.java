package dev.hostclone.domain.query;

import dev.hostclone.domain.access.UserNames;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.host.HostFields;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * search_business: businesses matching {@code condition} as BlueKing matches it ({@link BusinessCondition}); when
 * {@code maintainer} is set, only those listing that user (composed, {@link UserNames}) in {@code bk_biz_maintainer}
 * (what a user who is no administrator may see). Sorted by one of the {@link #SORTABLE} fields, at most
 * {@link #MAX_LIMIT} businesses a page: a page sorted by another field is refused as the query is made,
 * naming {@code sort}, and a longer one as {@code PageLimitExceeded}.
 */
public record BusinessQuery(BusinessCondition condition, String maintainer, PageRequest page) {

    public static final int MAX_LIMIT = 200;
    /**
     * The fields a page of businesses can be sorted by: id, name, or when it was created or last changed (the
     * same, since a business is never changed here).
     */
    public static final Set<String> SORTABLE =
            Set.of(Business.ID, Business.NAME, HostFields.CREATE_TIME, HostFields.LAST_TIME);

    public BusinessQuery {
        Objects.requireNonNull(condition, "condition");
        maintainer = UserNames.normalized(maintainer);
        Objects.requireNonNull(page, "page").requireSortableBy(SORTABLE).requireLimitAtMost(MAX_LIMIT);
    }

    /** A query of a condition's plain entries ({@link BusinessCondition#of}). */
    public BusinessQuery(Map<String, Object> condition, String maintainer, PageRequest page) {
        this(BusinessCondition.of(condition), maintainer, page);
    }

    public BusinessQuery visibleTo(String user) {
        return new BusinessQuery(condition, user, page);
    }
}
