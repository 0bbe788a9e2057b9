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
 * the API requires one ({@code defaultLimit} 0); a limit over {@code maxLimit} is 1199059, a
 * negative start or limit 1199006 naming it. Which fields sort is the query's to say: its constructor
 * refuses any other ({@link PageRequest#requireSortableBy}).
 */
record PageRules(int defaultLimit, int maxLimit, String defaultSort) {

    static final String PAGE = "page";
    static final String START = "start";
    static final String LIMIT = "limit";
    static final String SORT = "sort";

    private static final String DESCENDING = "-";

    PageRules {
        Objects.requireNonNull(defaultSort, "defaultSort");
    }

    /** Paging where the caller may leave the limit out. */
    static PageRules limitDefaults(int defaultLimit, int maxLimit, String defaultSort) {
        return new PageRules(defaultLimit, maxLimit, defaultSort);
    }

    /** Paging where the caller must give a limit of 1 to {@code maxLimit}. */
    static PageRules limitRequired(int maxLimit, String defaultSort) {
        return new PageRules(0, maxLimit, defaultSort);
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
        if (limit > maxLimit) {
            throw RejectedException.because(new Failure.PageLimitExceeded(maxLimit));
        }
        return limit.intValue();
    }

    private static String sortField(String order) {
        return order.startsWith(DESCENDING) ? order.substring(DESCENDING.length()) : order;
    }

    private static RejectedException invalid(String field, InvalidReason reason, Object value) {
        return RejectedException.because(new Failure.InvalidValue(field, reason, value));
    }
}
