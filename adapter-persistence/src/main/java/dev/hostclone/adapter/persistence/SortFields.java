package dev.hostclone.adapter.persistence;

import dev.hostclone.domain.query.PageRequest;
import java.util.Map;

/**
 * How both stores order a page: each maps every field of its query's {@code SORTABLE} to its own order
 * (comparators, SQL columns), and ties are always broken by the searched entity's id, in the same
 * direction. A query refuses any other field as it is made ({@link PageRequest#requireSortableBy}).
 */
public final class SortFields {

    private SortFields() {
    }

    /**
     * The store's order for {@code page.sortField()} among {@code orders}.
     *
     * @throws IllegalStateException when the store has none: its query sorts by the field, so the store lacks an order
     */
    public static <T> T orderOf(Map<String, T> orders, PageRequest page) {
        T order = orders.get(page.sortField());
        if (order == null) {
            throw new IllegalStateException("the store has no order for sort field " + page.sortField()
                    + ", which its query sorts by");
        }
        return order;
    }
}
