package dev.hostclone.domain.query;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.util.Objects;
import java.util.Set;

/**
 * Which slice of a result to return: skip {@code start}, return at most {@code limit}, ordered by
 * {@code sortField} ({@code descending} when the wire form was {@code -field}). Each query names the
 * fields it can sort by and its own maximum limit, and refuses any other page as it is made.
 */
public record PageRequest(int start, int limit, String sortField, boolean descending) {

    /** The field a refused sort is named by, as BlueKing's {@code page} names it. */
    private static final String SORT = "sort";

    public PageRequest {
        if (start < 0) {
            throw new IllegalArgumentException("start must not be negative: " + start);
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Objects.requireNonNull(sortField, "sortField");
    }

    /**
     * This request, when its query can sort by its field.
     *
     * @throws RejectedException naming {@code sort} otherwise, with the order as BlueKing's wire writes it
     *         ({@code -field} when descending), so that an HTTP caller sees the text it sent
     */
    public PageRequest requireSortableBy(Set<String> sortable) {
        if (!sortable.contains(sortField)) {
            throw RejectedException.because(new Failure.InvalidValue(SORT, InvalidReason.NOT_ALLOWED,
                    (descending ? "-" : "") + sortField));
        }
        return this;
    }

    /**
     * This request, when its limit is within the query's maximum.
     *
     * @throws RejectedException {@code PageLimitExceeded(maxLimit)} otherwise
     */
    public PageRequest requireLimitAtMost(int maxLimit) {
        if (limit > maxLimit) {
            throw RejectedException.because(new Failure.PageLimitExceeded(maxLimit));
        }
        return this;
    }
}
