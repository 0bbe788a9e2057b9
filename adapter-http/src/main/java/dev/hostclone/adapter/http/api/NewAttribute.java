package dev.hostclone.adapter.http.api;

import dev.hostclone.domain.business.BusinessId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A host attribute to add, as create_object_attribute and create_biz_custom_field decode it: global
 * when {@code business} is null, else a custom field of that business; {@code definition} as sent.
 */
public record NewAttribute(BusinessId business, Map<String, Object> definition) {

    public NewAttribute {
        Objects.requireNonNull(definition, "definition");
        definition = Collections.unmodifiableMap(new LinkedHashMap<>(definition));
    }
}
