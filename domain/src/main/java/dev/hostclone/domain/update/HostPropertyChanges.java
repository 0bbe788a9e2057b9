package dev.hostclone.domain.update;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeValues;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.JavaNumbers;
import dev.hostclone.domain.model.PatternBudget;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules for properties a caller sets on stored hosts (API.md §5, batch_update_host). The request:
 * 1 to {@code limit} entries ({@code MissingField("update")}, {@code TooMany("update", limit)}), each
 * naming a different host ({@code Duplicated(["bk_host_id"], [id])}) and at least one property
 * ({@code MissingField("properties")}). Each property: an attribute the host's business sees
 * ({@code InvalidValue(key, UNKNOWN_ATTRIBUTE)}); editable and not maintained by the system, which rules
 * out {@code bk_cloud_id}, the inner IPs and the time and user stamps ({@code Forbidden(key,
 * NOT_WRITABLE)}); a value of the attribute's type, checked exactly as when a host is added
 * ({@link AttributeValues}). {@code bk_host_id} among the properties is the one exception: the entry's
 * own id is left out, as BlueKing drops it, for callers that send a host record back as its properties;
 * another id is {@code Forbidden("bk_host_id", NOT_WRITABLE)}, and properties holding only the own id
 * are {@code MissingField("properties")} with the request's shape, before anything is read.
 */
public final class HostPropertyChanges {

    public static final String UPDATE = "update";
    public static final String PROPERTIES = "properties";

    private HostPropertyChanges() {
    }

    /**
     * Checks the shape of a request before anything is read.
     *
     * @throws RejectedException naming the first entry that fails
     */
    public static <T> void requireShape(List<T> entries, Function<T, HostId> host,
                                        Function<T, Map<String, Object>> properties, int limit) {
        if (entries.isEmpty()) {
            throw RejectedException.because(new Failure.MissingField(UPDATE));
        }
        if (entries.size() > limit) {
            throw RejectedException.because(new Failure.TooMany(UPDATE, limit));
        }
        Set<HostId> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            T entry = entries.get(i);
            HostId id = host.apply(entry);
            if (!seen.add(id)) {
                throw RejectedException.because(new Failure.Duplicated(List.of(HostFields.HOST_ID), List.of(id.value())));
            }
            Map<String, Object> given = properties.apply(entry);
            if (given.isEmpty() || given.size() == 1 && isOwnId(given.get(HostFields.HOST_ID), id)) {
                // the host's own id alone, left out as an echo (see check), would leave nothing to set
                throw RejectedException.because(new Failure.MissingField(propertiesOf(i)));
            }
        }
    }

    /** Where the {@code index}th entry's properties are: {@code update[2].properties}, whose fields a refusal names. */
    public static String propertiesOf(int index) {
        return Failure.entry(UPDATE, index) + "." + PROPERTIES;
    }

    /**
     * Checks the properties to set on {@code host}, of {@code business}, and returns them in stored form,
     * in the order given, without its own {@code bk_host_id}; {@link #requireShape} has refused properties
     * holding nothing else. The pattern checks draw on {@code patterns}, the budget of the whole request.
     *
     * @throws RejectedException naming the first property that fails
     */
    public static Map<String, Object> check(HostId host, Map<String, Object> given, HostModel model, BusinessId business,
                                            PatternBudget patterns) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            String field = entry.getKey();
            if (field.equals(HostFields.HOST_ID)) {
                // a host record echoed back names its own id, which changes nothing; any other would move an identity
                if (!isOwnId(entry.getValue(), host)) {
                    throw RejectedException.because(new Failure.Forbidden(field, InvalidReason.NOT_WRITABLE, null));
                }
                continue;
            }
            Attribute attribute = model.requireAttribute(field, business);
            if (!attribute.editable() || attribute.isMaintainedBySystem()) {
                throw RejectedException.because(new Failure.Forbidden(field, InvalidReason.NOT_WRITABLE, null));
            }
            changes.put(field, AttributeValues.check(attribute, entry.getValue(), patterns));
        }
        return changes;
    }

    /** Whether {@code value}, given as {@code bk_host_id}, is {@code host}'s own id, a whole number ({@link JavaNumbers#whole}). */
    private static boolean isOwnId(Object value, HostId host) {
        return JavaNumbers.whole(value).filter(id -> id == host.value()).isPresent();
    }
}
