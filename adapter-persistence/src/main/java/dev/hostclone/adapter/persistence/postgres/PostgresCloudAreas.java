package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.CreateCloudAreaPort;
import dev.hostclone.application.port.out.LoadCloudAreasPort;
import dev.hostclone.application.port.out.SearchCloudAreasPort;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Cloud areas in PostgreSQL: ids from a sequence (2 onwards, as BlueKing's: V7; area 0 is seeded), names unique through a
 * database constraint, other attributes in {@code properties}.
 */
final class PostgresCloudAreas implements LoadCloudAreasPort, CreateCloudAreaPort, SearchCloudAreasPort {

    private static final String COLUMNS = "bk_cloud_id, bk_cloud_name, creator, create_time, properties";
    private static final String NAME_CONSTRAINT = "cloud_area_name_unique";
    private static final String LOAD = "SELECT " + COLUMNS + " FROM cloud_area WHERE bk_cloud_id = ANY($1::bigint[])"
            + " ORDER BY bk_cloud_id";
    private static final String INSERT = "INSERT INTO cloud_area (bk_cloud_name, creator, create_time, properties)"
            + " VALUES ($1, $2, $3, $4::text::jsonb) RETURNING bk_cloud_id";
    /**
     * What search conditions see ({@link CloudArea#searchable}): the properties, each optional one unset (missing, or
     * null) at its unset value as BlueKing stores it, with the id, the name and the creator, which are columns, and
     * whether it is the built-in area.
     */
    private static final String SEARCHABLE = "(" + unsetValues() + " || jsonb_strip_nulls(properties)"
            + " || jsonb_build_object('" + CloudArea.ID + "', bk_cloud_id, '" + CloudArea.NAME + "', bk_cloud_name, '"
            + CloudArea.CREATOR + "', creator, '" + CloudArea.LAST_EDITOR + "', creator, '" + CloudArea.BUILT_IN
            + "', CASE WHEN bk_cloud_id = " + CloudAreaId.DEFAULT.value() + " THEN 1 ELSE 0 END))";
    private static final String WHERE = SearchSql.matches(SEARCHABLE, 1, "$2::boolean");
    /** An order for each of {@link CloudAreaQuery#SORTABLE}. */
    private static final Map<String, String> ORDERS = Map.of(
            CloudArea.ID, "bk_cloud_id",
            CloudArea.NAME, "bk_cloud_name COLLATE \"C\"",
            HostFields.CREATE_TIME, "create_time");

    private final TimedPool pool;

    PostgresCloudAreas(TimedPool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<List<CloudArea>> loadCloudAreas(Collection<CloudAreaId> ids) {
        Long[] values = ids.stream().distinct().map(CloudAreaId::value).toArray(Long[]::new);
        return pool.keyedRead(LOAD, Tuple.tuple().addArrayOfLong(values))
                .map(rows -> {
                    List<CloudArea> areas = new ArrayList<>(rows.size());
                    rows.forEach(row -> areas.add(area(row)));
                    return areas;
                })
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("load cloud areas", failure)))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<CloudArea> createCloudArea(CloudArea area) {
        Tuple row = Tuple.tuple()
                .addString(area.name())
                .addString(area.creator())
                .addOffsetDateTime(area.createdAt().atOffset(ZoneOffset.UTC))
                .addString(JsonText.write(area.properties()));
        return pool.write(INSERT, row)
                .map(rows -> new CloudArea(CloudAreaId.of(rows.iterator().next().getLong("bk_cloud_id")), area.name(),
                        area.creator(), area.createdAt(), area.properties()))
                .recover(failure -> {
                    if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                            && NAME_CONSTRAINT.equals(pg.getConstraint())) {
                        return Future.failedFuture(RejectedException.because(
                                new Failure.Duplicated(List.of(CloudArea.NAME), List.of(area.name()))));
                    }
                    return Future.failedFuture(PostgresStoreException.wrap("create a cloud area", failure));
                })
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Page<CloudArea>> searchCloudAreas(CloudAreaQuery query) {
        Tuple parameters = Tuple.tuple().addString(JsonText.write(query.condition())).addBoolean(query.fuzzy());
        return SearchSql.search(pool, "search cloud areas", "cloud_area", "bk_cloud_id", WHERE, parameters, ORDERS,
                query.page(), PostgresCloudAreas::area);
    }

    /** A jsonb literal of each optional property at its unset value. */
    private static String unsetValues() {
        Map<String, Object> unset = new LinkedHashMap<>();
        CloudArea.OPTIONAL_PROPERTIES.forEach(key -> unset.put(key, CloudArea.unsetValue(key)));
        return "'" + JsonText.write(unset).replace("'", "''") + "'::jsonb";
    }

    private static CloudArea area(Row row) {
        return new CloudArea(CloudAreaId.of(row.getLong("bk_cloud_id")), row.getString("bk_cloud_name"),
                row.getString("creator"), row.getOffsetDateTime("create_time").toInstant(),
                JsonText.readObject(row.getValue("properties")));
    }
}
