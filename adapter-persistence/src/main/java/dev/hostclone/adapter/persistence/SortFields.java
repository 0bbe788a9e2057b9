package dev.hostclone.adapter.persistence;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.query.PageRequest;
import java.util.Map;

/**
 * The fields each search can be sorted by, and how both stores refuse any other: a caller-given
 * {@code sort} is a rejection naming it, never a fault. Each store maps these names to its own order
 * (comparators, SQL columns); ties are always broken by the searched entity's id, in the same direction.
 */
public final class SortFields {

    public static final String BUSINESS_ID = "bk_biz_id";
    public static final String BUSINESS_NAME = "bk_biz_name";
    public static final String CLOUD_ID = "bk_cloud_id";
    public static final String CLOUD_NAME = "bk_cloud_name";
    public static final String CREATE_TIME = "create_time";
    public static final String OPERATION_TIME = "operation_time";
    public static final String ID = "id";
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
