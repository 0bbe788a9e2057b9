package dev.hostclone.domain.creation;

import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeValues;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.JavaNumbers;
import dev.hostclone.domain.model.PatternBudget;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules for a host a caller adds (API.md §5, add_host_to_business_idle): a cloud area, at
 * least one inner address, an addressing mode, and otherwise only known, writable attributes whose
 * values fit their type. Unknown keys are refused, not dropped.
 */
public final class NewHost {

    /** What a failure names when neither inner address family was given. */
    public static final String INNER_IP_EITHER = HostFields.INNER_IP + " or " + HostFields.INNER_IP_V6;

    private NewHost() {
    }

    /**
     * Checks one host as given and returns its stored document (identity and time fields not yet set). The
     * pattern checks draw on {@code patterns}, the budget of the whole request.
     *
     * @throws RejectedException naming the first field that fails
     */
    public static Map<String, Object> document(Map<String, Object> given, HostModel model, BusinessId business,
                                               PatternBudget patterns) {
        Map<String, Object> document = new LinkedHashMap<>();
        Object cloud = given.get(HostFields.CLOUD_ID);
        Long cloudId = JavaNumbers.whole(cloud).filter(id -> id >= 0).orElseThrow(() -> RejectedException.because(
                new Failure.InvalidValue(HostFields.CLOUD_ID,
                        cloud == null ? InvalidReason.DOES_NOT_EXIST : InvalidReason.WRONG_TYPE_OR_OPTION, cloud)));
        Object v4 = blankToNull(given.get(HostFields.INNER_IP));
        Object v6 = blankToNull(given.get(HostFields.INNER_IP_V6));
        if (v4 == null && v6 == null) {
            throw RejectedException.because(new Failure.MissingField(INNER_IP_EITHER));
        }
        if (v4 != null) {
            document.put(HostFields.INNER_IP, AttributeValues.ipList(HostFields.INNER_IP, v4, false));
        }
        if (v6 != null) {
            document.put(HostFields.INNER_IP_V6, AttributeValues.ipList(HostFields.INNER_IP_V6, v6, true));
        }
        document.put(HostFields.CLOUD_ID, cloudId);
        // JSON's null is an absent field here, as for bk_cloud_id: the default, not a value to refuse
        Object givenAddressing = given.get(HostFields.ADDRESSING);
        Object addressing = givenAddressing == null ? HostFields.ADDRESSING_STATIC : givenAddressing;
        if (!HostFields.ADDRESSING_STATIC.equals(addressing) && !HostFields.ADDRESSING_DYNAMIC.equals(addressing)) {
            throw RejectedException.because(
                    new Failure.InvalidValue(HostFields.ADDRESSING, InvalidReason.NOT_ALLOWED, addressing));
        }
        document.put(HostFields.ADDRESSING, addressing);

        for (Map.Entry<String, Object> entry : given.entrySet()) {
            String field = entry.getKey();
            if (document.containsKey(field) || field.equals(HostFields.INNER_IP) || field.equals(HostFields.INNER_IP_V6)) {
                continue;
            }
            Attribute attribute = model.requireAttribute(field, business);
            if (attribute.isMaintainedBySystem()) {
                throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.NOT_WRITABLE, null));
            }
            document.put(field, AttributeValues.check(attribute, entry.getValue(), patterns));
        }
        return document;
    }

    private static Object blankToNull(Object value) {
        return value instanceof String text && text.isBlank() ? null : value;
    }
}
