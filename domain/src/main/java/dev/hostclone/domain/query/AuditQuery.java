package dev.hostclone.domain.query;

import dev.hostclone.domain.access.UserNames;
import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.business.BusinessId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * list_operation_audit: records with {@code operation_time} in {@code [from, to]} (either bound may be
 * open, not both) and, for every other filter that is set, equal to it: {@code auditTypes} one of them
 * (null: any; empty: none), {@code user} composed as every record's is ({@link UserNames}), {@code resourceName}
 * equal, or with {@code resourceNameFuzzy} found anywhere in the record's, ignoring case. Sorted by one of the
 * {@link #SORTABLE} fields, at most {@link #MAX_LIMIT} records a page: a page sorted by another field is refused
 * as the query is made, naming {@code sort}, and a longer one as {@code PageLimitExceeded}.
 */
public record AuditQuery(
        Instant from,
        Instant to,
        BusinessId business,
        String resourceType,
        Long resourceId,
        Set<AuditAction> actions,
        String user,
        Set<String> auditTypes,
        String operateFrom,
        String resourceName,
        boolean resourceNameFuzzy,
        PageRequest page) {

    public static final int MAX_LIMIT = 200;
    public static final String OPERATION_TIME = "operation_time";
    public static final String ID = "id";
    /** The fields a page of records can be sorted by. */
    public static final Set<String> SORTABLE = Set.of(OPERATION_TIME, ID);

    public AuditQuery {
        if (from == null && to == null) {
            throw new IllegalArgumentException("an audit query needs a start or an end of its time range");
        }
        user = UserNames.normalized(user);
        actions = actions == null ? Set.of() : Set.copyOf(actions);
        auditTypes = auditTypes == null ? null : Set.copyOf(auditTypes);
        servable(page);
    }

    /**
     * {@code page} when a query can serve it: sorted by one of {@link #SORTABLE}, at most {@link #MAX_LIMIT}
     * long. Public so that a caller may refuse a page before anything else of the query, as the HTTP
     * {@code list_operation_audit} always has.
     */
    public static PageRequest servable(PageRequest page) {
        return Objects.requireNonNull(page, "page").requireSortableBy(SORTABLE).requireLimitAtMost(MAX_LIMIT);
    }

    /** Without the filters on audit type, origin and resource name. */
    public AuditQuery(Instant from, Instant to, BusinessId business, String resourceType, Long resourceId,
                      Set<AuditAction> actions, String user, PageRequest page) {
        this(from, to, business, resourceType, resourceId, actions, user, null, null, null, false, page);
    }
}
