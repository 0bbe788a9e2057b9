package dev.hostclone.domain.model;

import dev.hostclone.domain.access.UserNames;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.text.Characters;
import dev.hostclone.domain.text.StoredTexts;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Checks a value against its attribute's type and option, and returns it in stored form (strings
 * trimmed, whatever the type, with no NUL and lone surrogates replaced as {@link StoredTexts} says, IP lists
 * canonical, user names composed as {@link UserNames} says, numbers as {@code Long} / {@code Double}).
 * {@code null} clears a value and is always accepted, and so does {@code ""} a date, as BlueKing takes it. Values arrive as JSON decodes them: String, Long, Double, Boolean,
 * List; numbers also as Java writes them, taken as {@link JavaNumbers} says.
 */
public final class AttributeValues {

    public static final int SINGLECHAR_MAX = 256;
    public static final int LONGCHAR_MAX = 2000;
    /**
     * BlueKing's layouts, read as Go's {@code time.Parse} reads {@code 2006-01-02} and {@code 2006-01-02 15:04:05}: a
     * year of four digits, and a day or an hour out of range refused. Java's default resolver moved {@code 2024-02-31}
     * to the month's last day and {@code 24:00:00} to the next day's midnight, and the text, kept as sent, named a time
     * that never was (until 2026-12-07); ISO's dates took a year of five digits and a sign.
     */
    private static final DateTimeFormatter DATE = strictly("-MM-dd");
    private static final DateTimeFormatter TIME = strictly("-MM-dd HH:mm:ss");
    /**
     * BlueKing's other layout of a time ({@code timeWithLocationPattern}), the form it answers stored times in:
     * {@code 2006-01-02T15:04:05}, a fraction if any, and an offset east of UTC ({@code +08:00}; its pattern takes
     * a plus sign alone, so neither {@code -05:00} nor {@code Z}). Kept as sent, as the other layout is; until
     * 2026-12-07 refused, so that a caller writing back a time it had read from BlueKing was refused.
     */
    private static final DateTimeFormatter TIME_EAST_OF_UTC = new DateTimeFormatterBuilder()
            .append(strictly("-MM-dd'T'HH:mm:ss"))
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "+00:00")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    /**
     * BlueKing's cap on a whole objuser value ({@code FieldTypeUserLenChar}), names and commas as stored (each
     * name composed, {@link UserNames}); counted in characters as the other texts are (BlueKing counts UTF-8 bytes).
     */
    public static final int USERS_MAX = 2000;
    /** BlueKing's {@code timeZonePattern}: letters, digits, {@code - − _ / +}, one at least. */
    private static final Pattern ZONE_NAME = Pattern.compile("[a-zA-Z0-9\\-\u2212_/+]+");
    /** How much of a refused value its failure keeps, to be shown in the message. */
    private static final int SHOWN_MAX = 64;
    /**
     * One user name: letters, marks and digits of any script, {@code _ . @ -}. BlueKing allows ASCII
     * alone, but a caller whose name is 张三 or josé authenticates (the header is read as UTF-8), and an
     * ASCII-only rule kept such a user from ever being a maintainer; marks, since names in Devanagari and
     * other scripts need them. Matched, as {@link #SINGLECHAR_MAX} caps it, once composed ({@link UserNames}).
     */
    private static final Pattern USER = Pattern.compile("^[\\p{L}\\p{M}\\p{Nd}_.@\\-]+$");
    /**
     * Attribute patterns compiled, by their text. A model holds a few; compiling one for every value
     * checked took 300 of the 420 ns of a check ({@code AttributeCheckBenchmark}), for each patterned
     * field of every host a batch creates or updates. Patterns are immutable and safe to share. Past
     * {@link #COMPILED_MAX} texts (made-up patterns, not a model's) the cache starts over.
     */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();
    static final int COMPILED_MAX = 1_024;

    private AttributeValues() {
    }

    /**
     * {@code value} in stored form, its check against the attribute's pattern (if any) drawing on {@code patterns}:
     * one budget for all the values of one request.
     */
    public static Object check(Attribute attribute, Object value, PatternBudget patterns) {
        if (value == null) {
            return null;
        }
        String field = attribute.propertyId();
        if (HostFields.isIpList(field)) {
            // an empty outer address list clears it, as BlueKing's check of a text takes an empty one; inner
            // addresses identify the host (system fields, set by no caller)
            if (value instanceof String text && StoredTexts.trimmed(text).isEmpty() && !HostFields.SYSTEM.contains(field)) {
                return "";
            }
            return ipList(field, value, HostFields.IPV6_LISTS.contains(field));
        }
        // each text trimmed first, whatever its type, as BlueKing trims it (an enum's "1 " is "1"); a list's items not
        Object given = value instanceof String text ? StoredTexts.trimmed(text) : value;
        return switch (attribute.type()) {
            case SINGLECHAR -> text(attribute, given, SINGLECHAR_MAX, patterns);
            case LONGCHAR -> text(attribute, given, LONGCHAR_MAX, patterns);
            case INT, FOREIGNKEY -> integer(attribute, given);
            case FLOAT -> decimal(attribute, given);
            case ENUM -> enumId(attribute, given);
            case ENUMMULTI -> enumIds(attribute, given);
            case DATE -> "".equals(given) ? "" : dated(field, given, text -> LocalDate.parse(text, DATE));
            case TIME -> dated(field, given, AttributeValues::time);
            case OBJUSER -> users(field, given);
            case TIMEZONE -> timezone(field, given);
            case BOOL -> bool(field, given);
            case LIST -> listItem(attribute, given);
        };
    }

    /** Parses a comma list of addresses of one family into its canonical stored text. */
    public static String ipList(String field, Object value, boolean v6) {
        if (!(value instanceof String text)) {
            throw wrong(field, value);
        }
        // a set: a list's contains made a long list's check quadratic, 75 ms for 6,400 addresses
        Set<String> canonical = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            Optional<IpAddress> ip = IpAddress.parse(StoredTexts.trimmed(part));
            if (ip.isEmpty() || ip.get().isV4() == v6) {
                throw RejectedException.because(new Failure.InvalidValue(field,
                        v6 ? InvalidReason.NOT_AN_IPV6 : InvalidReason.NOT_AN_IPV4, value));
            }
            canonical.add(ip.get().text());
        }
        return String.join(",", canonical);
    }

    private static String text(Attribute attribute, Object value, int max, PatternBudget patterns) {
        String field = attribute.propertyId();
        if (!(value instanceof String raw)) {
            throw wrong(field, value);
        }
        if (StoredTexts.holdsNul(raw)) {
            throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.NOT_ALLOWED, abbreviated(raw)));
        }
        String text = StoredTexts.withLoneSurrogatesReplaced(raw);
        if (Characters.over(text, max)) {
            throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.TOO_LONG, abbreviated(text)));
        }
        if (attribute.option() instanceof String regex && !regex.isEmpty() && !text.isEmpty()) {
            if (!matches(regex, text, patterns, field, value)) {
                throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.NOT_ALLOWED, text));
            }
        }
        return text;
    }

    /**
     * Found anywhere in the text, as BlueKing's Go {@code MatchString} finds it: a pattern for the whole value is
     * anchored. Once the request's budget is spent the value is refused as too costly to check, not as not
     * matching, since it could not be shown either way.
     */
    private static boolean matches(String regex, String text, PatternBudget patterns, String field, Object value) {
        Pattern pattern;
        try {
            pattern = compiled(regex);
        } catch (PatternSyntaxException badPattern) {
            throw wrong(field, value);
        }
        try {
            return pattern.matcher(patterns.reading(text)).find();
        } catch (PatternBudget.Exhausted exhausted) {
            throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.PATTERN_TOO_COSTLY, text));
        }
    }

    /** {@code regex} compiled, once per text; a pattern that does not compile is not kept, and throws each time. */
    private static Pattern compiled(String regex) {
        Pattern pattern = COMPILED.get(regex);
        if (pattern == null) {
            pattern = AttributePattern.compile(regex);
            if (COMPILED.size() >= COMPILED_MAX) {
                COMPILED.clear();
            }
            COMPILED.put(regex, pattern);
        }
        return pattern;
    }

    /** How many patterns are kept compiled now: at most {@link #COMPILED_MAX}, but for checks adding one at the same moment. */
    static int compiledPatterns() {
        return COMPILED.size();
    }

    private static Long integer(Attribute attribute, Object value) {
        Long number = JavaNumbers.whole(value).orElseThrow(() -> wrong(attribute.propertyId(), value));
        inRange(attribute, number, value);
        return number;
    }

    private static Double decimal(Attribute attribute, Object value) {
        Optional<Long> whole = JavaNumbers.whole(value);
        // a whole number compared to the bounds as a long, exactly
        Number number = whole.isPresent() ? whole.get()
                : JavaNumbers.decimal(value).orElseThrow(() -> wrong(attribute.propertyId(), value));
        if (!Double.isFinite(number.doubleValue())) {
            throw wrong(attribute.propertyId(), value);
        }
        inRange(attribute, number, value);
        return unsignedZero(number.doubleValue());
    }

    /**
     * {@code number}, or 0.0 for -0.0: the two are one value, and PostgreSQL's jsonb keeps no sign on a zero, where
     * the memory store kept it, so that until 2026-12-06 a unique rule over a float took them for two values there
     * and one on PostgreSQL.
     */
    static double unsignedZero(double number) {
        return number == 0.0 ? 0.0 : number;
    }

    private static void inRange(Attribute attribute, Number number, Object value) {
        if (attribute.option() instanceof Map<?, ?> range) {
            Optional<Number> min = AttributeOptions.boundOf(range.get(AttributeOptions.MIN));
            Optional<Number> max = AttributeOptions.boundOf(range.get(AttributeOptions.MAX));
            if (min.isPresent() && NumberOrder.compare(number, min.get()) < 0
                    || max.isPresent() && NumberOrder.compare(number, max.get()) > 0) {
                throw RejectedException.because(
                        new Failure.InvalidValue(attribute.propertyId(), InvalidReason.NOT_ALLOWED, value));
            }
        }
    }

    private static String enumId(Attribute attribute, Object value) {
        if (!(value instanceof String id)) {
            throw wrong(attribute.propertyId(), value);
        }
        return chosen(enumIdsOf(attribute), id).orElseThrow(() -> RejectedException.because(
                new Failure.InvalidValue(attribute.propertyId(), InvalidReason.NOT_ALLOWED, id)));
    }

    /**
     * The option {@code given} names, as the option holds it: itself, or the one whose ends were white space and
     * is {@code given} trimmed. Options are kept as created, and one created {@code " a "} (until 2026-12-07 chosen
     * as sent) is chosen by {@code " a "}, which is trimmed on its way, as by {@code "a"}.
     */
    private static Optional<String> chosen(Collection<?> options, String given) {
        if (options.contains(given)) {
            return Optional.of(given);
        }
        return options.stream().filter(String.class::isInstance).map(String.class::cast)
                .filter(option -> StoredTexts.trimmed(option).equals(given)).findFirst();
    }

    private static List<String> enumIds(Attribute attribute, Object value) {
        if (!(value instanceof List<?> list)) {
            throw wrong(attribute.propertyId(), value);
        }
        Set<String> allowed = enumIdsOf(attribute);
        List<String> ids = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String id) || !allowed.contains(id)) {
                throw RejectedException.because(
                        new Failure.InvalidValue(attribute.propertyId(), InvalidReason.NOT_ALLOWED, item));
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /** The ids of an enum option: {@code [{"id":"1","name":"L1"}, ...]}. */
    public static Set<String> enumIdsOf(Attribute attribute) {
        if (!(attribute.option() instanceof List<?> options)) {
            return Set.of();
        }
        return options.stream()
                .filter(Map.class::isInstance)
                .map(option -> String.valueOf(((Map<?, ?>) option).get("id")))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String listItem(Attribute attribute, Object value) {
        if (!(value instanceof String item)) {
            throw wrong(attribute.propertyId(), value);
        }
        if (!(attribute.option() instanceof List<?> items)) {
            return item;
        }
        return chosen(items, item).orElseThrow(() -> RejectedException.because(
                new Failure.InvalidValue(attribute.propertyId(), InvalidReason.NOT_ALLOWED, item)));
    }

    private static String dated(String field, Object value, java.util.function.Consumer<String> parser) {
        if (!(value instanceof String text)) {
            throw wrong(field, value);
        }
        try {
            parser.accept(text);
        } catch (DateTimeException bad) {
            throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.WRONG_TYPE_OR_OPTION, text));
        }
        return text;
    }

    /** A time in either of BlueKing's layouts, else a {@link DateTimeException}. */
    private static void time(String text) {
        int offsetSign = text.length() - "+08:00".length();
        if (text.indexOf('T') < 0) {
            LocalDateTime.parse(text, TIME);
        } else if (offsetSign > 0 && text.charAt(offsetSign) == '+') {
            OffsetDateTime.parse(text, TIME_EAST_OF_UTC);
        } else {
            throw new DateTimeException("not east of UTC: " + text);
        }
    }

    private static String users(String field, Object value) {
        if (!(value instanceof String text)) {
            throw wrong(field, value);
        }
        List<String> users = new ArrayList<>();
        for (String user : text.split(",")) {
            // checked as it is stored, so that its length counts the composed form
            String name = UserNames.normalized(StoredTexts.trimmed(user));
            if (name.isEmpty()) {
                continue;
            }
            if (UserNames.tooLong(name) || !USER.matcher(name).matches()) {
                throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.NOT_ALLOWED, abbreviated(name)));
            }
            users.add(name);
        }
        String stored = String.join(",", users);
        if (Characters.over(stored, USERS_MAX)) {
            throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.TOO_LONG, abbreviated(stored)));
        }
        return stored;
    }

    /**
     * A zone's name as BlueKing checks it, by its shape ({@link #ZONE_NAME}): every name of the time-zone database
     * has it, whatever database the JVM carries. Until 2026-12-07 the JDK's database decided, and refused
     * {@code ROC}, {@code EST} and zones newer than the JDK, which BlueKing takes, and took {@code +08:00},
     * which it refuses.
     */
    private static String timezone(String field, Object value) {
        if (!(value instanceof String zone)) {
            throw wrong(field, value);
        }
        if (!ZONE_NAME.matcher(zone).matches()) {
            throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.NOT_ALLOWED, zone));
        }
        return zone;
    }

    private static Boolean bool(String field, Object value) {
        if (!(value instanceof Boolean flag)) {
            throw wrong(field, value);
        }
        return flag;
    }

    private static RejectedException wrong(String field, Object value) {
        return RejectedException.because(new Failure.InvalidValue(field, InvalidReason.WRONG_TYPE_OR_OPTION,
                value instanceof String text ? abbreviated(text) : value));
    }

    private static String abbreviated(String text) {
        return Characters.abbreviated(text, SHOWN_MAX);
    }

    /** A year of four digits, then {@code afterTheYear}, out-of-range fields refused. */
    private static DateTimeFormatter strictly(String afterTheYear) {
        return new DateTimeFormatterBuilder()
                .appendValue(ChronoField.YEAR, 4)
                .appendPattern(afterTheYear)
                .toFormatter(Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }
}
