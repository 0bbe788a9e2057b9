package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.adapter.persistence.SortFields;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import dev.hostclone.domain.query.TextFolding;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The SQL shared by the searches. A search is one statement, hence one round trip and one snapshot:
 * the count of every match and one page of them, ordered by the sort field and then the id in the
 * same direction (as the memory store orders them). Only ids and sort keys of all matches are
 * gathered; whole rows are read for the page only.
 */
final class SearchSql {

    private SearchSql() {
    }

    /**
     * Runs the page query over {@code table} rows satisfying {@code where} (whose parameters are
     * {@code parameters}); {@code orders} maps the query's sortable fields to SQL expressions, never the
     * caller's text. Each found row is read by {@code read}.
     */
    static <T> CompletionStage<Page<T>> search(TimedPool pool, String operation, String table, String id, String where,
                                               Tuple parameters, Map<String, String> orders, PageRequest page,
                                               Function<Row, T> read) {
        return Future.<Void>succeededFuture()
                .compose(start -> {
                    String sql = page(table, id, where, orders, page, parameters.size() + 1);
                    parameters.addLong((long) page.start()).addLong((long) page.limit());
                    return pool.execute(sql, parameters);
                })
                .map(rows -> read(rows, id, read))
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap(operation, failure)))
                .toCompletionStage();
    }

    /**
     * The page query. The statement's last two parameters are the offset and the limit, numbered
     * {@code pagingFirst} and {@code pagingFirst + 1}. Every row carries {@code total}; a page past the
     * end is one row with only {@code total} set.
     */
    static String page(String table, String id, String where, Map<String, String> orders, PageRequest page, int pagingFirst) {
        String sortKey = SortFields.orderOf(orders, page);
        String direction = page.descending() ? " DESC" : " ASC";
        return "WITH matched AS (SELECT " + id + " AS matched_id, " + sortKey + " AS sort_key FROM " + table
                + " WHERE " + where + ")"
                + " SELECT c.total, t.* FROM (SELECT count(*) AS total FROM matched) c"
                + " LEFT JOIN (SELECT matched_id, sort_key FROM matched"
                + " ORDER BY sort_key" + direction + ", matched_id" + direction
                + " OFFSET $" + pagingFirst + " LIMIT $" + (pagingFirst + 1) + ") p ON true"
                + " LEFT JOIN " + table + " t ON t." + id + " = p.matched_id"
                + " ORDER BY p.sort_key" + direction + ", p.matched_id" + direction;
    }

    /** The page a {@link #page} query answered, each found row read by {@code read}. */
    private static <T> Page<T> read(RowSet<Row> rows, String id, Function<Row, T> read) {
        long total = 0;
        List<T> info = new ArrayList<>(rows.size());
        for (Row row : rows) {
            total = row.getLong("total");
            if (row.getValue(id) != null) {
                info.add(read.apply(row));
            }
        }
        return new Page<>(total, info);
    }

    /**
     * A condition on a JSON {@code document} expression: every entry of the jsonb parameter
     * {@code $conditionParameter} holds. Values compare as jsonb does (numbers by value, arrays and
     * objects by their elements); a null condition matches a null or absent property. When
     * {@code fuzzy} (an SQL boolean) is true, a string condition matches a string value containing
     * it, ignoring case: found by {@code strpos}, not {@code ILIKE}, so that {@code %}, {@code _} and
     * {@code \} are themselves, in both sides folded by {@code lower()} as {@link TextFolding} folds them
     * under the embedded cluster's builtin {@code C.UTF-8}.
     */
    static String matches(String document, int conditionParameter, String fuzzy) {
        return "NOT EXISTS (SELECT 1 FROM jsonb_each($" + conditionParameter + "::text::jsonb) c WHERE (CASE"
                + " WHEN " + fuzzy + " AND jsonb_typeof(c.value) = 'string'"
                + " THEN jsonb_typeof(" + document + " -> c.key) = 'string'"
                + " AND strpos(lower(" + document + " ->> c.key), lower(c.value #>> '{}')) > 0"
                + " ELSE coalesce(" + document + " -> c.key, 'null'::jsonb) = c.value END) IS NOT TRUE)";
    }
}
