package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Businesses in memory, their names unique as PostgreSQL's constraint keeps them. Not thread-safe: the
 * store's lock guards it.
 */
final class MemoryBusinesses {

    /** An order for each of {@link BusinessQuery#SORTABLE}; a time absent last, as PostgreSQL's ascending order has it. */
    private static final Map<String, Comparator<Business>> ORDERS = Map.of(
            Business.ID, Comparator.comparingLong(business -> business.id().value()),
            Business.NAME, Comparator.comparing(Business::name, CodePointOrder.TEXT),
            HostFields.CREATE_TIME, byTime(HostFields.CREATE_TIME),
            HostFields.LAST_TIME, byTime(HostFields.LAST_TIME));

    private final Map<BusinessId, Business> businesses = new LinkedHashMap<>();
    private long lastBusinessId;

    Optional<Business> load(BusinessId id) {
        return Optional.ofNullable(businesses.get(id));
    }

    Business create(Map<String, Object> properties) {
        Object name = properties.get(Business.NAME);
        boolean taken = businesses.values().stream().anyMatch(business -> business.name().equals(name));
        if (taken) {
            throw RejectedException.because(new Failure.Duplicated(List.of(Business.NAME), List.of(name)));
        }
        BusinessId id = BusinessId.of(++lastBusinessId);
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put(Business.ID, id.value());
        stored.putAll(properties);
        Business business = new Business(id, stored);
        businesses.put(id, business);
        return business;
    }

    /** A maintainer is one of {@link Business#maintainers()}: the comma list, each name trimmed. */
    Page<Business> search(BusinessQuery query) {
        return Pages.of(businesses.values().stream()
                        .filter(business -> BusinessConditions.matches(business.properties(), query.condition()))
                        .filter(business -> query.maintainer() == null || business.maintainers().contains(query.maintainer()))
                        .toList(),
                ORDERS, business -> business.id().value(), query.page());
    }

    /** By the instant a time field names (its text's order is not that within a second), absent last. */
    private static Comparator<Business> byTime(String field) {
        return Comparator.comparing(business -> business.properties().get(field) instanceof String text
                ? Instant.parse(text) : null, Comparator.nullsLast(Comparator.<Instant>naturalOrder()));
    }
}
