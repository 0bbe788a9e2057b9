package dev.hostclone.adapter.persistence;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.query.PageRequest;
import java.util.Map;

/**
 * How both stores refuse a sort field: a caller-given {@code sort} outside its query's {@code SORTABLE}
 * fields is a rejection naming it, never a fault. Each store maps each of those fields to its own order
 * (comparators, SQL columns); ties are always broken by the searched entity's id, in the same direction.
 */
public final class SortFields {

    /** The field a refusal names. */
    public static final String SORT = "sort";

    private SortFields() {
    }

    /** The store's order for {@code page.sortField()} among {@code orders}, or a rejection naming the field. */
    public static <T> T orderOf(Map<String, T> orders, PageRequest page) {
        T order = orders.get(page.sortField());
        if (order == null) {
            throw RejectedException.because(new Failure.InvalidValue(SORT, InvalidReason.NOT_ALLOWED, page.sortField()));
        }
        return order;
    }
}
