package dev.hostclone.domain.creation;

import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeType;
import dev.hostclone.domain.model.AttributeValues;
import dev.hostclone.domain.model.PatternBudget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules for a business a caller creates (API.md §5, create_business): {@code bk_biz_name} and
 * {@code bk_biz_maintainer} required, defaults for time zone, language and life cycle, and only the
 * business model's known fields; the stamps a caller may send are checked and left to the service's.
 */
public final class NewBusiness {

    public static final String TIME_ZONE = "time_zone";
    public static final String LANGUAGE = "language";
    public static final String LIFE_CYCLE = "life_cycle";

    private static final List<Attribute> FIELDS = List.of(
            Attribute.field(Business.NAME, AttributeType.SINGLECHAR, null),
            Attribute.field(Business.MAINTAINER, AttributeType.OBJUSER, null),
            Attribute.field("bk_biz_productor", AttributeType.OBJUSER, null),
            Attribute.field("bk_biz_developer", AttributeType.OBJUSER, null),
            Attribute.field("bk_biz_tester", AttributeType.OBJUSER, null),
            Attribute.field("operator", AttributeType.OBJUSER, null),
            Attribute.field(LIFE_CYCLE, AttributeType.ENUM, options("1", "2", "3")),
            Attribute.field(LANGUAGE, AttributeType.ENUM, options("1", "2")),
            Attribute.field(TIME_ZONE, AttributeType.TIMEZONE, null));

    /**
     * The stamps BlueKing's own create_business example sends ({@code "bk_created_at":""}, {@code
     * "bk_created_by":"admin"}, …): taken as texts, as BlueKing takes them, and not stored, the service stamping its
     * own, as BlueKing's core service stamps every instance it creates. Until 2026-12-07 that example was refused,
     * {@code 'bk_created_at' … no such attribute in the model} (a read-only review against the reference).
     */
    private static final List<Attribute> STAMPS = List.of(
            Attribute.field(HostFields.CREATED_AT, AttributeType.SINGLECHAR, null),
            Attribute.field(HostFields.CREATED_BY, AttributeType.SINGLECHAR, null),
            Attribute.field(HostFields.UPDATED_AT, AttributeType.SINGLECHAR, null),
            Attribute.field(HostFields.UPDATED_BY, AttributeType.SINGLECHAR, null));

    /** The business model's user fields ({@code objuser}): comma lists of user names. */
    public static final Set<String> USER_FIELDS = FIELDS.stream()
            .filter(field -> field.type() == AttributeType.OBJUSER)
            .map(Attribute::propertyId)
            .collect(Collectors.toUnmodifiableSet());

    private NewBusiness() {
    }

    /**
     * Checks the fields as given and returns the stored properties with defaults filled in.
     *
     * @throws RejectedException naming the first field that fails
     */
    public static Map<String, Object> properties(Map<String, Object> given) {
        requirePresent(given);
        Map<String, Object> properties = new LinkedHashMap<>();
        // one call is one request, whose values share one budget (no business field has a pattern today)
        PatternBudget patterns = PatternBudget.forOneRequest();
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            Attribute stamp = field(STAMPS, entry.getKey());
            if (stamp != null) {
                AttributeValues.check(stamp, entry.getValue(), patterns);
                continue;
            }
            Attribute attribute = field(FIELDS, entry.getKey());
            if (attribute == null) {
                throw RejectedException.because(
                        new Failure.InvalidValue(entry.getKey(), InvalidReason.UNKNOWN_ATTRIBUTE, null));
            }
            properties.put(entry.getKey(), AttributeValues.check(attribute, entry.getValue(), patterns));
        }
        // again as stored: a maintainer list of commas alone names nobody, as an empty one
        requirePresent(properties);
        properties.putIfAbsent(TIME_ZONE, "Asia/Shanghai");
        properties.putIfAbsent(LANGUAGE, "1");
        properties.putIfAbsent(LIFE_CYCLE, "2");
        return properties;
    }

    private static Attribute field(List<Attribute> fields, String name) {
        return fields.stream().filter(candidate -> candidate.propertyId().equals(name)).findFirst().orElse(null);
    }

    private static void requirePresent(Map<String, Object> fields) {
        for (String required : List.of(Business.NAME, Business.MAINTAINER)) {
            Object value = fields.get(required);
            if (value == null || value instanceof String text && text.isBlank()) {
                throw RejectedException.because(new Failure.MissingField(required));
            }
        }
    }

    private static List<Map<String, String>> options(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> Map.of("id", id, "name", id)).toList();
    }
}
