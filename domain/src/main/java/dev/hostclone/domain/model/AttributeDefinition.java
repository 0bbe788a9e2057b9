package dev.hostclone.domain.model;

import dev.hostclone.domain.access.UserNames;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.text.Characters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rules for a host attribute a caller creates (API.md §5, create_object_attribute and
 * create_biz_custom_field), checked in this order, the first failure answering:
 * <ol>
 *   <li>every key is one of {@link #KEYS}; another is {@code InvalidValue(key, UNKNOWN_ATTRIBUTE)}, refused,
 *       not dropped; of those, the keys only an answer carries ({@code id}, the times, the group's name) are taken
 *       and not kept ({@link #ANSWERED_TEXTS});</li>
 *   <li>{@code bk_obj_id} present ({@code MissingField}) and {@code "host"} ({@code InvalidCombination});
 *       {@code bk_biz_id}, when sent, equals the business created for (0 for a global attribute), and
 *       {@code bk_template_id}, when sent, is 0 ({@code InvalidCombination});</li>
 *   <li>{@code bk_property_id}: present, at most {@value #PROPERTY_ID_MAX} characters, matching
 *       {@code ^[a-zA-Z]\w*$}, not starting with {@code bk_} or {@code _bk} (reserved for built-in
 *       attributes; the pattern already excludes {@code _bk}) and not a host system field such as
 *       {@code last_time};</li>
 *   <li>{@code bk_property_name}: present, trimmed, at most {@value #NAME_MAX} characters;</li>
 *   <li>{@code bk_property_type}: present, a type callers may create (every {@link AttributeType} but
 *       {@code foreignkey});</li>
 *   <li>{@code option}, by {@link AttributeOptions};</li>
 *   <li>flags: {@code isrequired} (and {@code isonly}, which implies it) true is
 *       {@code AttributeNotAllowed("isrequired", true)}, as BlueKing refuses required host fields;
 *       {@code ismultiple} true for {@code enummulti} and {@code objuser} alone, and false for every other type,
 *       else {@code AttributeNotAllowed("ismultiple", given)} (BlueKing's single choice is not served); {@code editable} defaults to true;
 *       {@code isreadonly} to false; {@code ispre} is accepted and always stored false; {@code bk_issystem} and
 *       {@code bk_isapi} true are {@code AttributeNotAllowed}, only the system setting them;</li>
 *   <li>{@code unit} at most {@value #UNIT_MAX}, {@code placeholder} at most {@value #PLACEHOLDER_MAX}
 *       characters; {@code bk_property_group} non-blank, defaulting to {@code default} (global) or
 *       {@code bizdefault} (business); {@code creator} defaulting to the acting user.</li>
 * </ol>
 * A value of the wrong JSON type is {@code InvalidValue(key, WRONG_TYPE_OR_OPTION)}; a missing or blank
 * required string is {@code MissingField}. {@code bk_supplier_account} is accepted and ignored.
 * Uniqueness of the id and name within what a host sees is the store's rule.
 */
public final class AttributeDefinition {

    public static final String OBJ_ID = "bk_obj_id";
    public static final String HOST = "host";
    public static final String PROPERTY_ID = "bk_property_id";
    public static final String PROPERTY_NAME = "bk_property_name";
    public static final String PROPERTY_TYPE = "bk_property_type";
    public static final String PROPERTY_GROUP = "bk_property_group";
    public static final String EDITABLE = "editable";
    public static final String IS_REQUIRED = "isrequired";
    public static final String IS_ONLY = "isonly";
    public static final String IS_READONLY = "isreadonly";
    public static final String IS_PRE = "ispre";
    public static final String IS_MULTIPLE = "ismultiple";
    public static final String UNIT = "unit";
    public static final String PLACEHOLDER = "placeholder";
    public static final String CREATOR = "creator";
    public static final String BIZ_ID = "bk_biz_id";
    public static final String TEMPLATE_ID = "bk_template_id";
    public static final String SUPPLIER_ACCOUNT = "bk_supplier_account";
    public static final String DESCRIPTION = "description";
    public static final String INDEX = "bk_property_index";
    public static final String DEFAULT = "default";
    public static final String IS_SYSTEM = "bk_issystem";
    public static final String IS_API = "bk_isapi";
    public static final String GLOBAL_GROUP = "default";
    public static final String BUSINESS_GROUP = "bizdefault";

    /**
     * The texts of {@link #KEYS} BlueKing's answer carries and its create takes back (a definition copied from
     * search_object_attribute, BlueKing's own example's {@code bk_asst_obj_id}): checked as texts and not kept, the
     * store making its own (the times, the group's name from the group), as BlueKing's create does; so is an
     * integer {@code id} (the adapter checks its type). Until 2026-12-07 each was refused, 1199006 {@code no such
     * attribute in the model}, and so were {@link #IS_SYSTEM} and {@link #IS_API}, now taken as false alone (only
     * the system sets them).
     */
    public static final List<String> ANSWERED_TEXTS =
            List.of("bk_property_group_name", "create_time", "last_time", "bk_asst_obj_id");
    /** Every key a definition may hold. */
    public static final Set<String> KEYS = Stream.concat(Stream.of(OBJ_ID, PROPERTY_ID, PROPERTY_NAME, PROPERTY_TYPE,
                    AttributeOptions.OPTION, PROPERTY_GROUP, EDITABLE, IS_REQUIRED, IS_ONLY, IS_READONLY, IS_PRE,
                    IS_MULTIPLE, UNIT, PLACEHOLDER, CREATOR, BIZ_ID, TEMPLATE_ID, SUPPLIER_ACCOUNT, DESCRIPTION, INDEX,
                    DEFAULT, IS_SYSTEM, IS_API, "id"), ANSWERED_TEXTS.stream())
            .collect(Collectors.toUnmodifiableSet());

    public static final int PROPERTY_ID_MAX = 128;
    public static final int NAME_MAX = 128;
    public static final int GROUP_MAX = 128;
    public static final int UNIT_MAX = 20;
    public static final int PLACEHOLDER_MAX = 2000;
    public static final int DESCRIPTION_MAX = 2000;

    private static final Pattern PROPERTY_ID_PATTERN = Pattern.compile("^[a-zA-Z]\\w*$");
    private static final Set<String> RESERVED_PREFIXES = Set.of("bk_", "_bk");
    private static final Set<AttributeType> MULTIPLE_CHOICE = Set.of(AttributeType.ENUMMULTI, AttributeType.OBJUSER);

    private AttributeDefinition() {
    }

    /**
     * Checks a definition as sent and returns the attribute to store, its id 0 until the store assigns one.
     *
     * @param business the business a custom field belongs to; null for a global attribute
     * @param user     the acting user, the creator unless the definition names one
     * @throws RejectedException naming the first field that fails
     */
    public static Attribute parse(Map<String, Object> definition, BusinessId business, String user, Instant now) {
        for (String key : definition.keySet()) {
            if (!KEYS.contains(key)) {
                throw RejectedException.because(new Failure.InvalidValue(key, InvalidReason.UNKNOWN_ATTRIBUTE, null));
            }
        }
        String objectId = requiredText(definition, OBJ_ID);
        if (!HOST.equals(objectId)) {
            throw RejectedException.because(new Failure.InvalidCombination(OBJ_ID));
        }
        requireIfPresent(definition, BIZ_ID, business == null ? 0L : business.value());
        requireIfPresent(definition, TEMPLATE_ID, 0L);

        String propertyId = propertyId(definition);
        String name = requiredText(definition, PROPERTY_NAME);
        requireAtMost(PROPERTY_NAME, name, NAME_MAX);
        AttributeType type = type(definition);
        Object option = AttributeOptions.check(type, definition.get(AttributeOptions.OPTION));

        if (flag(definition, IS_REQUIRED, false) || flag(definition, IS_ONLY, false)) {
            throw RejectedException.because(new Failure.AttributeNotAllowed(IS_REQUIRED, true));
        }
        // a type of several values takes them always, and one of one value never: false on enummulti or objuser,
        // BlueKing's single choice, was taken and dropped until 2026-12-07, answered true, and several values taken
        boolean multiple = MULTIPLE_CHOICE.contains(type);
        if (flag(definition, IS_MULTIPLE, multiple) != multiple) {
            throw RejectedException.because(new Failure.AttributeNotAllowed(IS_MULTIPLE, !multiple));
        }
        boolean editable = flag(definition, EDITABLE, true);
        boolean readonly = flag(definition, IS_READONLY, false);
        flag(definition, IS_PRE, false);
        for (String systemOnly : List.of(IS_SYSTEM, IS_API)) {
            if (flag(definition, systemOnly, false)) {
                throw RejectedException.because(new Failure.AttributeNotAllowed(systemOnly, true));
            }
        }
        ANSWERED_TEXTS.forEach(answered -> optionalText(definition, answered, ""));

        String unit = optionalText(definition, UNIT, "");
        requireAtMost(UNIT, unit, UNIT_MAX);
        String placeholder = optionalText(definition, PLACEHOLDER, "");
        requireAtMost(PLACEHOLDER, placeholder, PLACEHOLDER_MAX);
        String group = optionalText(definition, PROPERTY_GROUP, business == null ? GLOBAL_GROUP : BUSINESS_GROUP);
        if (group.isEmpty()) {
            throw RejectedException.because(new Failure.MissingField(PROPERTY_GROUP));
        }
        requireAtMost(PROPERTY_GROUP, group, GROUP_MAX);
        // a user's name, composed as the actor's is, so that a search by creator finds it in either form
        String creator = UserNames.normalized(optionalText(definition, CREATOR, ""));
        requireAtMost(CREATOR, creator, UserNames.MAX_LENGTH);
        optionalText(definition, SUPPLIER_ACCOUNT, "");
        String description = optionalText(definition, DESCRIPTION, "");
        requireAtMost(DESCRIPTION, description, DESCRIPTION_MAX);
        long index = index(definition);
        Object defaultValue = defaultValue(definition, type, option);

        return new Attribute(0, propertyId, name, null, group, type, option, editable, false, false, false, readonly,
                business, unit, placeholder, creator.isEmpty() ? user : creator, now, description, index, defaultValue);
    }

    /** {@code bk_property_index}: where the attribute stands among its group's, 0 or more; 0 when absent. */
    private static long index(Map<String, Object> definition) {
        Object value = definition.get(INDEX);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Long number) || number < 0) {
            throw RejectedException.because(new Failure.InvalidValue(INDEX, InvalidReason.WRONG_TYPE_OR_OPTION, value));
        }
        return number;
    }

    /**
     * {@code default}, checked as a value of the attribute would be, and refused naming {@code default};
     * none for the enum types, whose default BlueKing keeps in the options' {@code is_default}, as it
     * drops one given there.
     */
    private static Object defaultValue(Map<String, Object> definition, AttributeType type, Object option) {
        Object value = definition.get(DEFAULT);
        if (value == null || type == AttributeType.ENUM || type == AttributeType.ENUMMULTI) {
            return null;
        }
        // the one value of its request: a budget of its own
        return AttributeValues.check(Attribute.field(DEFAULT, type, option), value, PatternBudget.forOneRequest());
    }

    private static String propertyId(Map<String, Object> definition) {
        String id = requiredText(definition, PROPERTY_ID);
        requireAtMost(PROPERTY_ID, id, PROPERTY_ID_MAX);
        boolean reserved = RESERVED_PREFIXES.stream().anyMatch(id::startsWith) || HostFields.SYSTEM.contains(id);
        if (!PROPERTY_ID_PATTERN.matcher(id).matches() || reserved) {
            throw RejectedException.because(new Failure.InvalidValue(PROPERTY_ID, InvalidReason.NOT_ALLOWED, id));
        }
        return id;
    }

    private static AttributeType type(Map<String, Object> definition) {
        String wire = requiredText(definition, PROPERTY_TYPE);
        return AttributeType.fromWire(wire)
                .filter(AttributeType::creatable)
                .orElseThrow(() -> RejectedException.because(
                        new Failure.InvalidValue(PROPERTY_TYPE, InvalidReason.NOT_ALLOWED, wire)));
    }

    private static void requireIfPresent(Map<String, Object> definition, String key, long expected) {
        Object value = definition.get(key);
        if (value != null && !(value instanceof Long number && number == expected)) {
            throw RejectedException.because(new Failure.InvalidCombination(key));
        }
    }

    private static String requiredText(Map<String, Object> definition, String key) {
        String text = optionalText(definition, key, "");
        if (text.isEmpty()) {
            throw RejectedException.because(new Failure.MissingField(key));
        }
        return text;
    }

    /** The trimmed string under {@code key}, or {@code absent} when the key is missing or null. */
    private static String optionalText(Map<String, Object> definition, String key, String absent) {
        Object value = definition.get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof String text)) {
            throw wrongType(key, value);
        }
        return text.trim();
    }

    private static boolean flag(Map<String, Object> definition, String key, boolean absent) {
        Object value = definition.get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Boolean flag)) {
            throw wrongType(key, value);
        }
        return flag;
    }

    private static void requireAtMost(String key, String text, int max) {
        if (Characters.over(text, max)) {
            throw RejectedException.because(new Failure.InvalidValue(key, InvalidReason.TOO_LONG, text));
        }
    }

    private static RejectedException wrongType(String key, Object value) {
        return RejectedException.because(new Failure.InvalidValue(key, InvalidReason.WRONG_TYPE_OR_OPTION, value));
    }
}
