package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.adapter.persistence.SortFields;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** One page of matches, ordered as the PostgreSQL store orders them: the sort field, then the id, one direction. */
final class Pages {

    private Pages() {
    }

    /**
     * Sorts {@code matches} by the order {@code page} names among {@code orders}, ties by {@code id},
     * reversed when descending; {@code count} is every match.
     */
    static <T> Page<T> of(List<T> matches, Map<String, Comparator<T>> orders, ToLongFunction<T> id, PageRequest page) {
        Comparator<T> order = SortFields.orderOf(orders, page).thenComparingLong(id);
        List<T> sorted = matches.stream().sorted(page.descending() ? order.reversed() : order).toList();
        int from = (int) Math.min(page.start(), sorted.size());
        int to = (int) Math.min((long) from + page.limit(), sorted.size());
        return new Page<>(sorted.size(), sorted.subList(from, to));
    }
}
