package dev.hostclone.domain.model;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.text.Characters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code option} a new attribute of each type needs, as {@link AttributeValues} later reads it
 * (API.md §5, BlueKing's option shapes):
 * <ul>
 *   <li>{@code int}, {@code float}: required {@code {"min":m,"max":n}}, numbers, or numeric strings kept as sent
 *       (BlueKing's own examples send them; {@link #boundOf} reads them), {@code int} bounds whole numbers
 *       ({@code 10.0} as 10), with m ≤ n; or {@code ""} for no bound on that side, kept as given, as BlueKing reads it
 *       ({@code ParseIntOption}: the whole range; until 2026-12-07 refused); both keys present;</li>
 *   <li>{@code enum}, {@code enummulti}: required non-empty list of {@code {"id","name",...}} with
 *       non-blank string ids and names, ids distinct, {@code is_default} a boolean when present; a
 *       single-choice {@code enum} may mark at most one default. None marked is accepted (the attribute
 *       then has no default value), where BlueKing asks for exactly one;</li>
 *   <li>{@code list}: required non-empty array of strings;</li>
 *   <li>{@code singlechar}, {@code longchar}: optional regular expression, at most
 *       {@value #REGEX_MAX} characters, that must compile;</li>
 *   <li>{@code bool}: optional boolean; every other type: none.</li>
 * </ul>
 * An absent option is {@code null}, {@code ""}, or an empty object or array. Failures name
 * {@code option}: absent where required is {@code CannotBeOmitted}; a wrong shape is
 * {@code WRONG_TYPE_OR_OPTION}; a well-shaped but unacceptable value (min above max, a repeated id, a
 * second default, a pattern that does not compile, an option on a type without options) is
 * {@code NOT_ALLOWED}.
 */
public final class AttributeOptions {

    public static final String OPTION = "option";
    public static final String MIN = "min";
    public static final String MAX = "max";
    public static final String ENUM_ID = "id";
    public static final String ENUM_NAME = "name";
    public static final String ENUM_DEFAULT = "is_default";
    public static final int REGEX_MAX = 2000;

    private AttributeOptions() {
    }

    /**
     * Checks {@code option} for a new attribute of {@code type} and returns it as stored.
     *
     * @throws RejectedException naming {@code option}
     */
    public static Object check(AttributeType type, Object option) {
        return switch (type) {
            case INT -> range(option, true);
            case FLOAT -> range(option, false);
            case ENUM -> enumeration(option, true);
            case ENUMMULTI -> enumeration(option, false);
            case LIST -> list(option);
            case SINGLECHAR, LONGCHAR -> regex(option);
            case BOOL -> flag(option);
            case DATE, TIME, OBJUSER, TIMEZONE, FOREIGNKEY -> none(option);
        };
    }

    private static Map<String, Object> range(Object option, boolean integral) {
        if (absent(option)) {
            throw RejectedException.because(new Failure.CannotBeOmitted(OPTION));
        }
        if (!(option instanceof Map<?, ?> range) || !Set.of(MIN, MAX).equals(range.keySet())) {
            throw wrong(option);
        }
        Object min = bound(range.get(MIN), integral, option);
        Object max = bound(range.get(MAX), integral, option);
        if (min instanceof Number low && max instanceof Number high && NumberOrder.compare(low, high) > 0) {
            throw notAllowed(option);
        }
        // a numeric text kept as sent, as BlueKing keeps and answers it ({"min":"1"}, its own example): until
        // 2026-12-07 answered as a number, and a script comparing what it sent with what is listed saw a change
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put(MIN, range.get(MIN) instanceof String text ? text : min);
        stored.put(MAX, range.get(MAX) instanceof String text ? text : max);
        return stored;
    }

    /**
     * A stored bound as a number to compare with, or empty for none ({@code ""}): a number as it is, a numeric text
     * as {@link #check} read it.
     */
    static Optional<Number> boundOf(Object stored) {
        if (stored instanceof Number number) {
            return Optional.of(number);
        }
        Object read = stored instanceof String text && !text.isEmpty() ? numeric(text.trim()) : null;
        // "-0.0" bounds as 0.0 does: a value's -0.0 is kept as 0.0
        return read instanceof Double decimal ? Optional.of(AttributeValues.unsignedZero(decimal))
                : Optional.ofNullable((Number) read);
    }

    /** A bound as read: a number, or {@code ""} for none. */
    private static Object bound(Object value, boolean integral, Object option) {
        if ("".equals(value)) {
            return "";
        }
        // read as a value of the attribute is: 10.0 an int's 10 (JavaNumbers.whole), an embedding's Integer a Long
        Object number = value instanceof String text ? numeric(text.trim()) : value;
        if (integral) {
            return JavaNumbers.whole(number).orElseThrow(() -> wrong(option));
        }
        // a float's bound stays a double when given as one (2.0 answered 2.0), a whole number when given as one
        Optional<Long> whole = number instanceof Double ? Optional.empty() : JavaNumbers.whole(number);
        if (whole.isPresent()) {
            return whole.get();
        }
        return JavaNumbers.decimal(number).filter(Double::isFinite).map(AttributeValues::unsignedZero)
                .orElseThrow(() -> wrong(option));
    }

    /** A numeric string as Long or Double; null when it is not a number. */
    private static Object numeric(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            // not an integer: perhaps a decimal
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notNumber) {
            return null;
        }
    }

    private static List<Map<String, Object>> enumeration(Object option, boolean singleChoice) {
        if (absent(option)) {
            throw RejectedException.because(new Failure.CannotBeOmitted(OPTION));
        }
        if (!(option instanceof List<?> items)) {
            throw wrong(option);
        }
        Set<String> ids = new HashSet<>();
        int defaults = 0;
        List<Map<String, Object>> stored = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> value)
                    || !(value.get(ENUM_ID) instanceof String id) || id.isBlank()
                    || !(value.get(ENUM_NAME) instanceof String name) || name.isBlank()
                    || value.containsKey(ENUM_DEFAULT) && !(value.get(ENUM_DEFAULT) instanceof Boolean)) {
                throw wrong(option);
            }
            if (!ids.add(id)) {
                throw notAllowed(id);
            }
            if (Boolean.TRUE.equals(value.get(ENUM_DEFAULT)) && ++defaults > 1 && singleChoice) {
                throw notAllowed(ENUM_DEFAULT);
            }
            stored.add(withUnsignedZeros(value));
        }
        return List.copyOf(stored);
    }

    /**
     * A copy of an enum item's fields, each -0.0 in them, however deep, made 0.0 as a float's value is
     * ({@link AttributeValues#unsignedZero}): an item keeps fields of the caller's, and jsonb keeps no sign on a zero.
     */
    private static Map<String, Object> withUnsignedZeros(Map<?, ?> fields) {
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((key, field) -> copy.put(String.valueOf(key), withUnsignedZeros(field)));
        return copy;
    }

    private static Object withUnsignedZeros(Object value) {
        if (value instanceof Double number) {
            return AttributeValues.unsignedZero(number);
        }
        if (value instanceof Map<?, ?> fields) {
            return withUnsignedZeros(fields);
        }
        if (value instanceof List<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            items.forEach(item -> copy.add(withUnsignedZeros(item)));
            return copy;
        }
        return value;
    }

    private static List<String> list(Object option) {
        if (absent(option)) {
            throw RejectedException.because(new Failure.CannotBeOmitted(OPTION));
        }
        if (!(option instanceof List<?> items) || !items.stream().allMatch(String.class::isInstance)) {
            throw wrong(option);
        }
        return items.stream().map(String.class::cast).toList();
    }

    private static String regex(Object option) {
        if (absent(option)) {
            return null;
        }
        if (!(option instanceof String pattern)) {
            throw wrong(option);
        }
        if (Characters.over(pattern, REGEX_MAX)) {
            throw RejectedException.because(new Failure.InvalidValue(OPTION, InvalidReason.TOO_LONG, null));
        }
        if (AttributePattern.readOtherwise(pattern)) {
            throw RejectedException.because(new Failure.InvalidValue(OPTION, InvalidReason.PATTERN_READ_OTHERWISE, pattern));
        }
        try {
            AttributePattern.compile(pattern);
        } catch (PatternSyntaxException badPattern) {
            throw notAllowed(pattern);
        }
        return pattern;
    }

    private static Boolean flag(Object option) {
        if (absent(option)) {
            return null;
        }
        if (!(option instanceof Boolean value)) {
            throw wrong(option);
        }
        return value;
    }

    private static Object none(Object option) {
        if (!absent(option)) {
            throw notAllowed(option);
        }
        return null;
    }

    private static boolean absent(Object option) {
        return option == null
                || option instanceof String text && text.isEmpty()
                || option instanceof Map<?, ?> map && map.isEmpty()
                || option instanceof List<?> list && list.isEmpty();
    }

    private static RejectedException wrong(Object option) {
        return RejectedException.because(new Failure.InvalidValue(OPTION, InvalidReason.WRONG_TYPE_OR_OPTION, option));
    }

    private static RejectedException notAllowed(Object value) {
        return RejectedException.because(new Failure.InvalidValue(OPTION, InvalidReason.NOT_ALLOWED, value));
    }
}
