package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.application.port.out.SearchBusinessesPort;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.query.BusinessCondition;
import dev.hostclone.domain.query.BusinessCondition.ContainsText;
import dev.hostclone.domain.query.BusinessCondition.Equals;
import dev.hostclone.domain.query.BusinessCondition.IdIn;
import dev.hostclone.domain.query.BusinessCondition.ListsUser;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.TextFolding;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Businesses in PostgreSQL: their name unique through a database constraint, searchable by their properties. */
final class PostgresBusinesses implements LoadBusinessPort, CreateBusinessPort, SearchBusinessesPort {

    private static final String NAME_CONSTRAINT = "business_name_unique";
    private static final String INSERT = "INSERT INTO business (bk_biz_name, properties) VALUES ($1, $2::text::jsonb)"
            + " RETURNING bk_biz_id";
    private static final String LOAD = "SELECT bk_biz_id, properties FROM business WHERE bk_biz_id = $1";
    /** What search conditions see: the properties with the id, which is a column only. */
    private static final String SEARCHABLE = "(properties || jsonb_build_object('bk_biz_id', bk_biz_id))";
    /**
     * The names of {@code bk_biz_maintainer}, split at commas and whitespace; the exact expression of
     * the V3 index {@code business_maintainers_idx}. User names hold no whitespace (objuser), so for
     * them this is {@link Business#maintainers()}: the comma list, each name trimmed.
     */
    static final String MAINTAINERS = "regexp_split_to_array(properties ->> 'bk_biz_maintainer', '[[:space:],]+')";
    /**
     * An order for each of {@link BusinessQuery#SORTABLE}; the times by the instant their text names, which its
     * text's order is not within a second ({@code …:06Z} is {@code …:06.000Z}, and sorts after {@code …:06.789Z}).
     */
    private static final Map<String, String> ORDERS = Map.of(
            Business.ID, "bk_biz_id",
            Business.NAME, "bk_biz_name COLLATE \"C\"",
            HostFields.CREATE_TIME, "(properties ->> 'create_time')::timestamptz",
            HostFields.LAST_TIME, "(properties ->> 'last_time')::timestamptz");

    private final TimedPool pool;

    PostgresBusinesses(TimedPool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<Optional<Business>> loadBusiness(BusinessId id) {
        return pool.keyedRead(LOAD, Tuple.of(id.value()))
                .map(rows -> rows.size() == 0 ? Optional.<Business>empty() : Optional.of(business(rows.iterator().next())))
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("load a business", failure)))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Business> createBusiness(Map<String, Object> properties) {
        Object name = properties.get(Business.NAME);
        Map<String, Object> stored = new LinkedHashMap<>(properties);
        stored.remove(Business.ID);
        return pool.write(INSERT, Tuple.of(String.valueOf(name), JsonText.write(stored)))
                .map(rows -> business(BusinessId.of(rows.iterator().next().getLong("bk_biz_id")), properties))
                .recover(failure -> {
                    if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                            && NAME_CONSTRAINT.equals(pg.getConstraint())) {
                        return Future.failedFuture(RejectedException.because(
                                new Failure.Duplicated(List.of(Business.NAME), List.of(name))));
                    }
                    return Future.failedFuture(PostgresStoreException.wrap("create a business", failure));
                })
                .toCompletionStage();
    }

    /**
     * One statement, every value a parameter. The equality terms without nulls (and without the id, a
     * column) narrow the rows by containment on the indexed properties first; then every equality must
     * hold, and each other term of the condition is one more clause ({@link #clause}).
     */
    @Override
    public CompletionStage<Page<Business>> searchBusinesses(BusinessQuery query) {
        Map<String, Object> equal = new LinkedHashMap<>();
        Map<String, Object> contained = new LinkedHashMap<>();
        for (BusinessCondition.Term term : query.condition().terms()) {
            if (term instanceof Equals equals) {
                equal.put(equals.field(), equals.value());
                if (equals.value() != null && !Business.ID.equals(equals.field())) {
                    contained.put(equals.field(), equals.value());
                }
            }
        }
        Tuple parameters = Tuple.tuple().addString(JsonText.write(contained)).addString(JsonText.write(equal));
        StringBuilder where = new StringBuilder("properties @> $1::text::jsonb AND ")
                .append(SearchSql.matches(SEARCHABLE, 2, "false"));
        for (BusinessCondition.Term term : query.condition().terms()) {
            if (!(term instanceof Equals)) {
                where.append(" AND ").append(clause(term, parameters));
            }
        }
        if (query.maintainer() != null) {
            where.append(" AND ").append(MAINTAINERS).append(" @> ARRAY[$").append(parameters.size() + 1).append("::text]");
            parameters.addString(query.maintainer());
        }
        return SearchSql.search(pool, "search businesses", "business", "bk_biz_id", where.toString(), parameters, ORDERS,
                query.page(), PostgresBusinesses::business);
    }

    /**
     * The SQL of one term other than equality, its field and values added to {@code parameters}. A text is
     * found by {@code strpos} rather than {@code LIKE}/{@code ILIKE}, so that {@code %}, {@code _} and
     * {@code \} are themselves with nothing to escape, and both sides are folded by {@code lower()}, which
     * under the embedded cluster's builtin {@code C.UTF-8} maps each letter to its simple lower case as
     * {@link TextFolding} does. A user is found in the list wrapped in commas, as {@link ListsUser#test}.
     */
    private static String clause(BusinessCondition.Term term, Tuple parameters) {
        int next = parameters.size() + 1;
        if (term instanceof ContainsText contains) {
            parameters.addString(contains.field()).addString(contains.text());
            return "(jsonb_typeof(" + SEARCHABLE + " -> $" + next + "::text) = 'string'"
                    + " AND strpos(lower(" + SEARCHABLE + " ->> $" + next + "::text), lower($" + (next + 1) + "::text)) > 0)";
        }
        if (term instanceof ListsUser user) {
            parameters.addString(user.field()).addString(user.user());
            return "(jsonb_typeof(" + SEARCHABLE + " -> $" + next + "::text) = 'string'"
                    + " AND strpos(',' || (" + SEARCHABLE + " ->> $" + next + "::text) || ',', ',' || $" + (next + 1)
                    + "::text || ',') > 0)";
        }
        if (term instanceof IdIn ids) {
            parameters.addArrayOfLong(ids.ids().toArray(Long[]::new));
            return "bk_biz_id = ANY($" + next + "::bigint[])";
        }
        throw new IllegalArgumentException("not a clause of its own: " + term);
    }

    private static Business business(Row row) {
        return business(BusinessId.of(row.getLong("bk_biz_id")), JsonText.readObject(row.getValue("properties")));
    }

    /** As the memory store shows it: {@code bk_biz_id} first, then the stored fields. */
    private static Business business(BusinessId id, Map<String, Object> properties) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put(Business.ID, id.value());
        properties.forEach((key, value) -> {
            if (!Business.ID.equals(key)) {
                shown.put(key, value);
            }
        });
        return new Business(id, shown);
    }
}
