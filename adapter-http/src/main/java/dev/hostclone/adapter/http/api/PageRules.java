package dev.hostclone.adapter.http.api;

import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.query.PageRequest;
import java.util.Objects;

/**
 * How one search API reads BlueKing's {@code page: {start, limit, sort}}: {@code sort} names one
 * field, {@code -field} for descending. An absent (or 0) limit takes {@code defaultLimit}, unless
 * the API requires one ({@code defaultLimit} 0); a negative start or limit is 1199006 naming it.
 * Which fields sort and how long a page may be are the query's to say: its constructor refuses a
 * page outside them ({@link PageRequest#requireSortableBy}, {@link PageRequest#requireLimitAtMost}).
 * The defaults are the wire's alone, BlueKing's for a {@code page} without {@code sort} or {@code limit}: a
 * {@link PageRequest} always names its field and a positive limit, so no use case is ever called without them.
 */
record PageRules(int defaultLimit, String defaultSort) {

    static final String PAGE = "page";
    static final String START = "start";
    static final String LIMIT = "limit";
    static final String SORT = "sort";

    private static final String DESCENDING = "-";

    PageRules {
        Objects.requireNonNull(defaultSort, "defaultSort");
    }

    /** Paging where the caller may leave the limit out. */
    static PageRules limitDefaults(int defaultLimit, String defaultSort) {
        return new PageRules(defaultLimit, defaultSort);
    }

    /** Paging where the caller must give a positive limit. */
    static PageRules limitRequired(String defaultSort) {
        return new PageRules(0, defaultSort);
    }

    /** Reads {@code page} of {@code body} (absent: the first page by the default sort). */
    PageRequest read(JsonFields body) {
        JsonFields page = body.optionalObject(PAGE).orElseGet(JsonFields::empty);
        Long start = page.optionalLong(START);
        Long limit = page.optionalLong(LIMIT);
        String sort = page.optionalString(SORT);
        String order = sort == null || sort.isBlank() ? defaultSort : sort.trim();
        return new PageRequest(start(start), limit(limit), sortField(order), order.startsWith(DESCENDING));
    }

    private int start(Long start) {
        if (start == null) {
            return 0;
        }
        if (start < 0 || start > Integer.MAX_VALUE) {
            throw invalid(START, InvalidReason.NOT_ALLOWED, start);
        }
        return start.intValue();
    }

    private int limit(Long limit) {
        boolean required = defaultLimit == 0;
        if (limit == null || limit == 0) {
            if (required) {
                throw invalid(LIMIT, limit == null ? InvalidReason.DOES_NOT_EXIST : InvalidReason.NOT_ALLOWED, limit);
            }
            return defaultLimit;
        }
        if (limit < 0) {
            throw invalid(LIMIT, InvalidReason.NOT_ALLOWED, limit);
        }
        // past an int is past every query's maximum, which the query then names (1199059)
        return (int) Math.min(limit, Integer.MAX_VALUE);
    }

    private static String sortField(String order) {
        return order.startsWith(DESCENDING) ? order.substring(DESCENDING.length()) : order;
    }

    private static RejectedException invalid(String field, InvalidReason reason, Object value) {
        return RejectedException.because(new Failure.InvalidValue(field, reason, value));
    }
}
