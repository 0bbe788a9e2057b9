package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.application.port.out.LoadCloudAreasPort;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Businesses (their name unique through a database constraint) and cloud areas in PostgreSQL. */
final class PostgresBusinesses implements LoadBusinessPort, CreateBusinessPort, LoadCloudAreasPort {

    private static final String NAME_CONSTRAINT = "business_name_unique";
    private static final String INSERT = "INSERT INTO business (bk_biz_name, properties) VALUES ($1, $2::text::jsonb)"
            + " RETURNING bk_biz_id";
    private static final String LOAD = "SELECT bk_biz_id, properties FROM business WHERE bk_biz_id = $1";
    private static final String LOAD_CLOUD_AREAS = "SELECT bk_cloud_id, bk_cloud_name, creator, create_time"
            + " FROM cloud_area WHERE bk_cloud_id = ANY($1::bigint[]) ORDER BY bk_cloud_id";

    private final Pool pool;

    PostgresBusinesses(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<Optional<Business>> loadBusiness(BusinessId id) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(id.value()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<Business>empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(business(BusinessId.of(row.getLong("bk_biz_id")),
                            JsonText.readObject(row.getValue("properties"))));
                })
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("load a business", failure)))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Business> createBusiness(Map<String, Object> properties) {
        Object name = properties.get(Business.NAME);
        Map<String, Object> stored = new LinkedHashMap<>(properties);
        stored.remove(Business.ID);
        return pool.preparedQuery(INSERT).execute(Tuple.of(String.valueOf(name), JsonText.write(stored)))
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

    @Override
    public CompletionStage<List<CloudArea>> loadCloudAreas(Collection<CloudAreaId> ids) {
        Long[] values = ids.stream().distinct().map(CloudAreaId::value).toArray(Long[]::new);
        return pool.preparedQuery(LOAD_CLOUD_AREAS).execute(Tuple.tuple().addArrayOfLong(values))
                .map(rows -> {
                    List<CloudArea> areas = new ArrayList<>(rows.size());
                    rows.forEach(row -> areas.add(new CloudArea(CloudAreaId.of(row.getLong("bk_cloud_id")),
                            row.getString("bk_cloud_name"), row.getString("creator"),
                            row.getOffsetDateTime("create_time").toInstant())));
                    return areas;
                })
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("load cloud areas", failure)))
                .toCompletionStage();
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
