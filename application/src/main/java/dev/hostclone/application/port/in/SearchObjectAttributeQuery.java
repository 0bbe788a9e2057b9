package dev.hostclone.application.port.in;

import dev.hostclone.domain.business.BusinessId;
import java.util.Map;

/**
 * search_object_attribute's request (API.md §5): the global host attributes, plus the custom fields of
 * {@code business} when it is given (null: global only), filtered by equality on every entry of
 * {@code condition} ({@code bk_property_id}, {@code bk_property_type}, {@code editable}, ...; empty: all).
 */
public record SearchObjectAttributeQuery(BusinessId business, Map<String, Object> condition) {

    /** A null condition or name in it is refused; a null value is kept, as JSON's null. */
    public SearchObjectAttributeQuery {
        condition = Fields.copyOf(condition, "condition");
    }

    /** Every attribute a host of {@code business} has (null: the global ones). */
    public static SearchObjectAttributeQuery all(BusinessId business) {
        return new SearchObjectAttributeQuery(business, Map.of());
    }
}
