package dev.hostclone.adapter.http.api;

import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.model.AttributeDefinition;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JSON types of an attribute's fields as BlueKing defines them, checked wherever a request
 * names them (a definition to create, a condition to search by): a wrong type is 1199000 naming the
 * field, before any rule looks at the value. Other fields are read as free-form values.
 */
final class AttributeFields {

    /** The definition's texts, the answered ones it takes back ({@link AttributeDefinition#ANSWERED_TEXTS}) among them. */
    static final List<String> STRINGS = Stream.concat(Stream.of(HostObject.FIELD, "bk_property_id", "bk_property_name",
            "bk_property_type", "bk_property_group", "unit", "placeholder", "description", "creator"),
            AttributeDefinition.ANSWERED_TEXTS.stream()).toList();
    static final List<String> BOOLEANS = List.of("editable", "isrequired", "isreadonly", "isonly", "ispre",
            "ismultiple", "bk_issystem", "bk_isapi");
    static final List<String> INTEGERS = List.of("id", Business.ID, "bk_template_id", "bk_property_index");

    private AttributeFields() {
    }

    static void checkTypes(JsonFields fields) {
        STRINGS.forEach(fields::optionalString);
        BOOLEANS.forEach(fields::optionalBoolean);
        INTEGERS.forEach(fields::optionalLong);
    }

    /**
     * The attribute as sent, its known fields type-checked, for the use case: {@code option} and
     * {@code default} keep their JSON shape. Which model and business it names, and every other rule
     * of a definition, are the domain's ({@code AttributeDefinition}).
     */
    static Map<String, Object> definition(JsonFields body) {
        checkTypes(body);
        return body.definition();
    }
}
