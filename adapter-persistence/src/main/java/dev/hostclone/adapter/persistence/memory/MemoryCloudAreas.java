package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cloud areas in memory, the default area among them from the start and their names unique, as on
 * PostgreSQL. Not thread-safe: the store's lock guards it.
 */
final class MemoryCloudAreas {

    /** An order for each of {@link CloudAreaQuery#SORTABLE}. */
    private static final Map<String, Comparator<CloudArea>> ORDERS = Map.of(
            CloudArea.ID, Comparator.comparingLong(area -> area.id().value()),
            CloudArea.NAME, Comparator.comparing(CloudArea::name, CodePointOrder.TEXT),
            HostFields.CREATE_TIME, Comparator.comparing(CloudArea::createdAt));

    private final Map<CloudAreaId, CloudArea> cloudAreas = new LinkedHashMap<>();
    /** BlueKing reserves area 1 (its "direct connecting area"): the first area made is 2, as on PostgreSQL. */
    private long lastCloudAreaId = CloudAreaId.RESERVED.value();

    /** The default area, made at {@code createdAt}. */
    MemoryCloudAreas(Instant createdAt) {
        cloudAreas.put(CloudAreaId.DEFAULT, new CloudArea(CloudAreaId.DEFAULT, CloudArea.DEFAULT_NAME, "", createdAt));
    }

    List<CloudArea> load(Collection<CloudAreaId> ids) {
        return ids.stream().distinct().map(cloudAreas::get).filter(Objects::nonNull).toList();
    }

    CloudArea create(CloudArea area) {
        if (cloudAreas.values().stream().anyMatch(existing -> existing.name().equals(area.name()))) {
            throw RejectedException.because(new Failure.Duplicated(List.of(CloudArea.NAME), List.of(area.name())));
        }
        CloudArea stored = new CloudArea(CloudAreaId.of(++lastCloudAreaId), area.name(), area.creator(),
                area.createdAt(), area.properties());
        cloudAreas.put(stored.id(), stored);
        return stored;
    }

    /** Conditions see an area as {@link CloudArea#searchable} gives it, as the PostgreSQL store's do. */
    Page<CloudArea> search(CloudAreaQuery query) {
        return Pages.of(cloudAreas.values().stream()
                        .filter(area -> PropertyConditions.matches(area.searchable(), query.condition(), query.fuzzy()))
                        .toList(),
                ORDERS, area -> area.id().value(), query.page());
    }
}
