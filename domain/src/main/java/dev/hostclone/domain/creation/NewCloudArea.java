package dev.hostclone.domain.creation;

import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeType;
import dev.hostclone.domain.model.AttributeValues;
import dev.hostclone.domain.model.PatternBudget;
import dev.hostclone.domain.text.Characters;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules for a cloud area a caller creates (API.md §5, create_cloud_area): {@code bk_cloud_name}
 * a non-blank string of at most {@value #NAME_MAX} characters (trimmed), and otherwise only the
 * optional attributes of {@link CloudArea#OPTIONAL_PROPERTIES}, each a string of at most
 * {@value AttributeValues#SINGLECHAR_MAX} characters except {@code bk_account_id}, an integer. Any other
 * key is refused naming it ({@code InvalidValue(key, UNKNOWN_ATTRIBUTE)}), {@code bk_cloud_id}
 * included: the store assigns it. The creator is the acting user. Uniqueness of the name is the
 * store's rule.
 */
public final class NewCloudArea {

    public static final int NAME_MAX = 128;

    private NewCloudArea() {
    }

    /**
     * Checks the fields as given and returns the area to store; its id is a placeholder the store replaces.
     *
     * @throws RejectedException naming the first field that fails
     */
    public static CloudArea of(Map<String, Object> given, String creator, Instant now) {
        Object name = given.get(CloudArea.NAME);
        if (name == null || name instanceof String text && text.isBlank()) {
            throw RejectedException.because(new Failure.MissingField(CloudArea.NAME));
        }
        if (!(name instanceof String text)) {
            throw RejectedException.because(
                    new Failure.InvalidValue(CloudArea.NAME, InvalidReason.WRONG_TYPE_OR_OPTION, name));
        }
        String trimmed = text.trim();
        if (Characters.over(trimmed, NAME_MAX)) {
            throw RejectedException.because(new Failure.InvalidValue(CloudArea.NAME, InvalidReason.TOO_LONG, trimmed));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        // one call is one request, whose values share one budget (no cloud area field has a pattern today)
        PatternBudget patterns = PatternBudget.forOneRequest();
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            String key = entry.getKey();
            if (key.equals(CloudArea.NAME)) {
                continue;
            }
            if (!CloudArea.OPTIONAL_PROPERTIES.contains(key)) {
                throw RejectedException.because(new Failure.InvalidValue(key, InvalidReason.UNKNOWN_ATTRIBUTE, null));
            }
            AttributeType type = key.equals(CloudArea.ACCOUNT_ID) ? AttributeType.INT : AttributeType.SINGLECHAR;
            properties.put(key, AttributeValues.check(Attribute.field(key, type, null), entry.getValue(), patterns));
        }
        return new CloudArea(CloudAreaId.DEFAULT, trimmed, creator, now, properties);
    }
}
