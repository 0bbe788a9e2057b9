package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

class AttributeOptionsTest {

    @Test
    void givenIntRangeOfWholeNumbersWrittenWithAFraction_whenChecking_thenItIsStoredAsWholeNumbers() {
        assertThat(AttributeOptions.check(AttributeType.INT, Map.of("min", 1.0, "max", "10.0")))
                .isEqualTo(Map.of("min", 1L, "max", "10.0"));
    }

    /** An embedding application's bounds, as Java writes them, are taken as its values are. */
    @Test
    void givenRangeOfJavasNumbers_whenChecking_thenEachIsStoredAsItsLongOrDouble() {
        assertThat(AttributeOptions.check(AttributeType.INT, Map.of("min", 1, "max", java.math.BigInteger.TEN)))
                .isEqualTo(Map.of("min", 1L, "max", 10L));
        assertThat(AttributeOptions.check(AttributeType.FLOAT, Map.of("min", 0.5f, "max", new java.math.BigDecimal("2.5"))))
                .isEqualTo(Map.of("min", 0.5, "max", 2.5));
        Map<String, Object> fraction = Map.of("min", new java.math.BigDecimal("1.5"), "max", 10);
        assertRejected(AttributeType.INT, fraction, new Failure.InvalidValue("option", InvalidReason.WRONG_TYPE_OR_OPTION, fraction));
    }

    @Test
    void givenIntRangeAsNumericStrings_whenChecking_thenTheTextsAreKeptAsSent() {
        assertThat(AttributeOptions.check(AttributeType.INT, Map.of("min", "1", "max", " 2 ")))
                .isEqualTo(Map.of("min", "1", "max", " 2 "));
    }

    @Test
    void givenFloatRangeWithDecimals_whenChecking_thenItIsKept() {
        assertThat(AttributeOptions.check(AttributeType.FLOAT, Map.of("min", 0.5, "max", "2.5")))
                .isEqualTo(Map.of("min", 0.5, "max", "2.5"));
    }

    @Test
    void givenFloatRangeBoundedByNegativeZero_whenChecking_thenTheBoundIsZero() {
        assertThat(AttributeOptions.check(AttributeType.FLOAT, Map.of("min", -0.0, "max", "-0.0")))
                .isEqualTo(Map.of("min", 0.0, "max", "-0.0"));
    }

    @Test
    void givenIntRangeWithADecimalBound_whenChecking_thenTheOptionDoesNotFit() {
        Map<String, Object> option = Map.of("min", 0.5, "max", 2L);

        assertRejected(AttributeType.INT, option, new Failure.InvalidValue("option", InvalidReason.WRONG_TYPE_OR_OPTION, option));
    }

    /**
     * BlueKing's form of no bound on a side ({@code ParseIntOption}), the empty text alone: kept as given, and a value
     * checked against the other side's.
     */
    @Test
    void givenRangeWithAnEmptyBound_whenChecking_thenItIsKeptAsNoBoundOnThatSide() {
        assertThat(AttributeOptions.check(AttributeType.INT, Map.of("min", "", "max", "")))
                .isEqualTo(Map.of("min", "", "max", ""));
        assertThat(AttributeOptions.check(AttributeType.FLOAT, Map.of("min", "", "max", "2.5")))
                .isEqualTo(Map.of("min", "", "max", "2.5"));
        Map<String, Object> blank = Map.of("min", " ", "max", "2.5");
        assertRejected(AttributeType.FLOAT, blank, new Failure.InvalidValue("option", InvalidReason.WRONG_TYPE_OR_OPTION, blank));
        Attribute upTo100 = Attribute.field("rack_units", AttributeType.INT,
                AttributeOptions.check(AttributeType.INT, Map.of("min", "", "max", "100")));

        assertThat(AttributeValues.check(upTo100, Long.MIN_VALUE, PatternBudget.forOneRequest())).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> AttributeValues.check(upTo100, 101L, PatternBudget.forOneRequest()))
                .isInstanceOf(RejectedException.class);
    }

    @Test
    void givenRangeMissingABoundOrWithAnotherKey_whenChecking_thenTheOptionDoesNotFit() {
        Map<String, Object> half = Map.of("min", 1L);
        Map<String, Object> extra = Map.of("min", 1L, "max", 2L, "step", 1L);

        assertRejected(AttributeType.INT, half, new Failure.InvalidValue("option", InvalidReason.WRONG_TYPE_OR_OPTION, half));
        assertRejected(AttributeType.INT, extra, new Failure.InvalidValue("option", InvalidReason.WRONG_TYPE_OR_OPTION, extra));
    }

    @Test
    void givenMinAboveMax_whenChecking_thenTheRangeIsNotAllowed() {
        Map<String, Object> option = Map.of("min", 5L, "max", 1L);

        assertRejected(AttributeType.FLOAT, option, new Failure.InvalidValue("option", InvalidReason.NOT_ALLOWED, option));
    }

    @Test
    void givenMinOneAboveMaxPastADoublesPrecision_whenChecking_thenTheRangeIsNotAllowed() {
        Map<String, Object> option = Map.of("min", 9_007_199_254_740_993L, "max", 9_007_199_254_740_992L);

        assertRejected(AttributeType.INT, option, new Failure.InvalidValue("option", InvalidReason.NOT_ALLOWED, option));
    }

    @Test
    void givenMinEqualToMax_whenChecking_thenTheOneValueRangeIsKept() {
        assertThat(AttributeOptions.check(AttributeType.INT, Map.of("min", 3L, "max", 3L)))
                .isEqualTo(Map.of("min", 3L, "max", 3L));
    }

    @Test
    void givenNoOptionWhereRequired_whenChecking_thenItCannotBeOmitted() {
        for (AttributeType type : List.of(AttributeType.INT, AttributeType.FLOAT, AttributeType.ENUM,
                AttributeType.ENUMMULTI, AttributeType.LIST)) {
            assertRejected(type, null, new Failure.CannotBeOmitted("option"));
            assertRejected(type, "", new Failure.CannotBeOmitted("option"));
        }
        assertRejected(AttributeType.INT, Map.of(), new Failure.CannotBeOmitted("option"));
        assertRejected(AttributeType.ENUM, List.of(), new Failure.CannotBeOmitted("option"));
    }

    @Test
    void givenEnumWithOneDefault_whenChecking_thenTheValuesAreKept() {
        List<Map<String, Object>> option = List.of(
                Map.of("id", "1", "name", "L1", "type", "text", "is_default", true),
                Map.of("id", "2", "name", "L2", "type", "text", "is_default", false));

        assertThat(AttributeOptions.check(AttributeType.ENUM, option)).isEqualTo(option);
    }

    /** An item keeps fields of the caller's, and a zero in them has one sign, as a float's value has. */
    @Test
    void givenEnumItemsHoldingNegativeZero_whenChecking_thenEachIsZero() {
        List<Map<String, Object>> option = List.of(Map.of("id", "1", "name", "L1", "weight", -0.0,
                "more", Map.of("w", List.of(-0.0, 1.5))));

        Object checked = AttributeOptions.check(AttributeType.ENUM, option);

        assertThat(checked).isEqualTo(List.of(Map.of("id", "1", "name", "L1", "weight", 0.0,
                "more", Map.of("w", List.of(0.0, 1.5)))));
    }

    @Test
    void givenEnumWithNoDefault_whenChecking_thenItIsAccepted() {
        List<Map<String, Object>> option = List.of(Map.of("id", "1", "name", "L1"));

        assertThat(AttributeOptions.check(AttributeType.ENUM, option)).isEqualTo(option);
    }

    @Test
    void givenEnumWithTwoDefaults_whenChecking_thenOnlyTheMultipleChoiceTypeAcceptsIt() {
        List<Map<String, Object>> option = List.of(
                Map.of("id", "1", "name", "L1", "is_default", true), Map.of("id", "2", "name", "L2", "is_default", true));

        assertRejected(AttributeType.ENUM, option, new Failure.InvalidValue("option", InvalidReason.NOT_ALLOWED, "is_default"));
        assertThat(AttributeOptions.check(AttributeType.ENUMMULTI, option)).isEqualTo(option);
    }

    @Test
    void givenEnumRepeatingAnId_whenChecking_thenTheIdIsNotAllowed() {
        List<Map<String, Object>> option = List.of(Map.of("id", "1", "name", "L1"), Map.of("id", "1", "name", "L2"));

        assertRejected(AttributeType.ENUMMULTI, option, new Failure.InvalidValue("option", InvalidReason.NOT_ALLOWED, "1"));
    }

    @Test
    void givenEnumItemsWithoutNameOrWithNumericId_whenChecking_thenTheOptionDoesNotFit() {
        List<Map<String, Object>> nameless = List.of(Map.of("id", "1"));
        List<Map<String, Object>> numeric = List.of(Map.of("id", 1L, "name", "L1"));
        List<Map<String, Object>> badDefault = List.of(Map.of("id", "1", "name", "L1", "is_default", "yes"));

        for (Object option : List.of(nameless, numeric, badDefault, "1,2")) {
            assertRejected(AttributeType.ENUM, option,
                    new Failure.InvalidValue("option", InvalidReason.WRONG_TYPE_OR_OPTION, option));
        }
    }

    @Test
    void givenListOfStrings_whenChecking_thenItIsKeptAndAnythingElseDoesNotFit() {
        assertThat(AttributeOptions.check(AttributeType.LIST, List.of("a", "b"))).isEqualTo(List.of("a", "b"));
        List<Object> mixed = List.of("a", 1L);
        assertRejected(AttributeType.LIST, mixed, new Failure.InvalidValue("option", InvalidReason.WRONG_TYPE_OR_OPTION, mixed));
    }

    @Test
    void givenRegexForText_whenChecking_thenItMustCompile() {
        assertThat(AttributeOptions.check(AttributeType.SINGLECHAR, "^r[0-9]+$")).isEqualTo("^r[0-9]+$");
        assertThat(AttributeOptions.check(AttributeType.LONGCHAR, "")).isNull();
        assertRejected(AttributeType.SINGLECHAR, "([", new Failure.InvalidValue("option", InvalidReason.NOT_ALLOWED, "(["));
        assertThat(AttributeOptions.check(AttributeType.SINGLECHAR, "a".repeat(AttributeOptions.REGEX_MAX)))
                .isEqualTo("a".repeat(AttributeOptions.REGEX_MAX));
        assertRejected(AttributeType.SINGLECHAR, "a".repeat(AttributeOptions.REGEX_MAX + 1),
                new Failure.InvalidValue("option", InvalidReason.TOO_LONG, null));
    }

    /**
     * What Java's patterns read otherwise than BlueKing's Go is refused, not stored to mean something else: until
     * 2026-12-07 {@code ^[[:digit:]]+$} was taken, and then refused {@code 123} and took {@code ::::}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"^[[:digit:]]+$", "[^[:space:]]", "[a-z[:^alpha:]_]", "(?U)a+", "(?iU)a+", "(?U:a+)b",
            "(?-U)a"})
    void givenAPosixClassOrTheUFlag_whenChecking_thenThePatternIsRefusedAsReadOtherwise(String pattern) {
        assertRejected(AttributeType.SINGLECHAR, pattern,
                new Failure.InvalidValue("option", InvalidReason.PATTERN_READ_OTHERWISE, pattern));
    }

    @ParameterizedTest
    @ValueSource(strings = {"^[0-9]+$", "(?i)^rack-[a-z]+$", "^(?:a|b):[0-9]+$", "[:]", "^\\[:x$", "(?s)a.b",
            "(?<Unit>[A-Z]+)"})
    void givenPatternsBothEnginesReadAlike_whenChecking_thenEachIsKept(String pattern) {
        assertThat(AttributeOptions.check(AttributeType.LONGCHAR, pattern)).isEqualTo(pattern);
    }

    @Test
    void givenOptionOnATypeWithoutOptions_whenChecking_thenItIsNotAllowed() {
        assertThat(AttributeOptions.check(AttributeType.DATE, null)).isNull();
        assertThat(AttributeOptions.check(AttributeType.BOOL, true)).isEqualTo(true);
        assertThat(AttributeOptions.check(AttributeType.BOOL, false)).isEqualTo(false);
        assertRejected(AttributeType.OBJUSER, "x", new Failure.InvalidValue("option", InvalidReason.NOT_ALLOWED, "x"));
    }

    private static void assertRejected(AttributeType type, Object option, Failure expected) {
        assertThatThrownBy(() -> AttributeOptions.check(type, option))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }
}
