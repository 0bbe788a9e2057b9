package dev.hostclone.domain.model;

import dev.hostclone.domain.access.UserNames;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which attributes search_object_attribute returns (API.md §5): the global ones, plus the custom fields
 * of {@code business} when one is named; never system or API attributes (BlueKing always adds
 * {@code bk_issystem: false, bk_isapi: false}); then only those whose value under each key of the
 * condition equals the condition's value, keys being BlueKing's attribute fields ({@link #FIELDS}).
 * Numbers compare by value. Any other key is refused naming it ({@code InvalidValue(key,
 * UNKNOWN_ATTRIBUTE)}) rather than matching nothing.
 */
public final class AttributeSearch {

    /** BlueKing's attribute fields a condition may name, with each attribute's value under it. */
    public static final Map<String, Function<Attribute, Object>> FIELDS = fields();

    private AttributeSearch() {
    }

    /**
     * The matching attributes, in model order.
     *
     * @throws RejectedException naming the first condition key that is not an attribute field
     */
    public static List<Attribute> select(HostModel model, BusinessId business, Map<String, Object> condition) {
        for (String key : condition.keySet()) {
            if (!FIELDS.containsKey(key)) {
                throw RejectedException.because(new Failure.InvalidValue(key, InvalidReason.UNKNOWN_ATTRIBUTE, null));
            }
        }
        Map<String, Object> wanted = composedCreator(condition);
        List<Attribute> candidates = business == null ? model.global() : model.visibleIn(business);
        return candidates.stream()
                .filter(attribute -> !attribute.system() && !attribute.api())
                .filter(attribute -> wanted.entrySet().stream().allMatch(entry ->
                        same(FIELDS.get(entry.getKey()).apply(attribute), entry.getValue())))
                .toList();
    }

    /** {@code condition} with its {@code creator} composed as every stored creator is ({@link UserNames}). */
    private static Map<String, Object> composedCreator(Map<String, Object> condition) {
        if (!(condition.get(AttributeDefinition.CREATOR) instanceof String creator)) {
            return condition;
        }
        Map<String, Object> composed = new LinkedHashMap<>(condition);
        composed.put(AttributeDefinition.CREATOR, UserNames.normalized(creator));
        return composed;
    }

    private static boolean same(Object actual, Object wanted) {
        if (actual instanceof Number left && wanted instanceof Number right) {
            return left.doubleValue() == right.doubleValue();
        }
        return Objects.equals(actual, wanted);
    }

    private static Map<String, Function<Attribute, Object>> fields() {
        Map<String, Function<Attribute, Object>> fields = new LinkedHashMap<>();
        fields.put("id", Attribute::id);
        fields.put(AttributeDefinition.OBJ_ID, attribute -> AttributeDefinition.HOST);
        fields.put(AttributeDefinition.SUPPLIER_ACCOUNT, attribute -> "0");
        fields.put(AttributeDefinition.BIZ_ID, attribute -> attribute.isGlobal() ? 0L : attribute.business().value());
        fields.put(AttributeDefinition.PROPERTY_ID, Attribute::propertyId);
        fields.put(AttributeDefinition.PROPERTY_NAME, Attribute::name);
        fields.put(AttributeDefinition.PROPERTY_GROUP, Attribute::group);
        fields.put(AttributeDefinition.PROPERTY_TYPE, attribute -> attribute.type().wireName());
        fields.put(AttributeOptions.OPTION, Attribute::option);
        fields.put(AttributeDefinition.EDITABLE, Attribute::editable);
        fields.put(AttributeDefinition.IS_PRE, Attribute::builtIn);
        fields.put(AttributeDefinition.IS_READONLY, Attribute::readonly);
        fields.put(AttributeDefinition.IS_REQUIRED, attribute -> false);
        fields.put("bk_issystem", Attribute::system);
        fields.put("bk_isapi", Attribute::api);
        fields.put(AttributeDefinition.UNIT, Attribute::unit);
        fields.put(AttributeDefinition.PLACEHOLDER, Attribute::placeholder);
        fields.put(AttributeDefinition.CREATOR, Attribute::creator);
        return Collections.unmodifiableMap(fields);
    }
}
