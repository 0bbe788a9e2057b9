package dev.hostclone.application.port.in;

import dev.hostclone.domain.business.BusinessId;
import java.util.Map;

/**
 * A host attribute to add (API.md §5): global ({@code business} null, create_object_attribute), or a
 * custom field of one business (create_biz_custom_field). {@code definition} is the attribute as sent
 * ({@code bk_property_id}, {@code bk_property_name}, {@code bk_property_type}, {@code option},
 * {@code editable}, ...); whether it is one is the use case's to check (the domain's
 * {@code AttributeDefinition}), once the caller may change that model.
 */
public record CreateObjectAttributeCommand(BusinessId business, Map<String, Object> definition) {

    /** A null definition or name in it is refused; a null value is kept, as JSON's null. */
    public CreateObjectAttributeCommand {
        definition = Fields.copyOf(definition, "definition");
    }

    /** A global attribute, seen by every business's hosts. */
    public static CreateObjectAttributeCommand global(Map<String, Object> definition) {
        return new CreateObjectAttributeCommand(null, definition);
    }
}
