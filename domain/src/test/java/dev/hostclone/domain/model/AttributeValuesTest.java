package dev.hostclone.domain.model;

import static dev.hostclone.domain.testing.HostModels.COSTLY_PATTERN;
import static dev.hostclone.domain.testing.HostModels.COSTLY_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.testing.HostModels;
import dev.hostclone.domain.text.StoredTexts;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Timeout;

class AttributeValuesTest {

    private final HostModel model = HostModels.standard();

    @Test
    void givenPaddedText_whenChecking_thenItIsTrimmed() {
        assertThat(check(attribute("bk_host_name"), "  web-1 ")).isEqualTo("web-1");
    }

    /** PostgreSQL cannot keep a NUL; refused here, every store and every caller (HTTP or embedding) get the same answer. */
    @ParameterizedTest
    @ValueSource(strings = {"bk_host_name", "bk_comment"})
    void givenANulInAText_whenChecking_thenItIsNotAllowed(String field) {
        assertRejected(() -> check(attribute(field), "web\u0000-1"),
                new Failure.InvalidValue(field, InvalidReason.NOT_ALLOWED, "web\u0000-1"));
    }

    @Test
    void givenALoneSurrogateInAText_whenChecking_thenItIsReplacedAndAPairKept() {
        assertThat(check(attribute("bk_comment"), "a\ud800b \ud83d\ude00 c\udc00"))
                .isEqualTo("a\ufffdb \ud83d\ude00 c\ufffd");
        assertThat(check(attribute("bk_host_name"), "\ude00")).isEqualTo("\ufffd");
    }

    @Test
    void givenIntegerInRange_whenChecking_thenItIsKept() {
        assertThat(check(attribute("bk_cpu"), 8L)).isEqualTo(8L);
    }

    @Test
    void givenIntegerOutOfRange_whenChecking_thenItIsNotAllowed() {
        assertRejected(() -> check(attribute("bk_cpu"), 0L),
                new Failure.InvalidValue("bk_cpu", InvalidReason.NOT_ALLOWED, 0L));
    }

    /** An embedding application writes Java's numbers; each is kept as JSON's of the same number is. */
    @Test
    void givenJavasWholeNumbersForAnInteger_whenChecking_thenEachIsKeptAsALong() {
        for (Object number : List.of(8, (short) 8, (byte) 8, java.math.BigInteger.valueOf(8), new java.math.BigDecimal("8.0"))) {
            assertThat(check(attribute("bk_cpu"), number)).as("%s", number.getClass()).isEqualTo(8L);
        }
        assertRejected(() -> check(attribute("bk_cpu"), 0),
                new Failure.InvalidValue("bk_cpu", InvalidReason.NOT_ALLOWED, 0));
    }

    /** JSON's 8.0 and 8e0 are 8, as BlueKing takes them for an int attribute, and so are a Double's and a Float's. */
    @Test
    void givenAWholeNumberWrittenWithAFractionForAnInteger_whenChecking_thenItIsKeptAsALong() {
        for (Object number : List.of(8.0, 8.0f, 8e0)) {
            assertThat(check(attribute("bk_cpu"), number)).as("%s", number.getClass()).isEqualTo(8L);
        }
        assertRejected(() -> check(attribute("bk_cpu"), 0.0),
                new Failure.InvalidValue("bk_cpu", InvalidReason.NOT_ALLOWED, 0.0));
    }

    /** A fraction is no whole number, where BlueKing truncates it to check its range and stores it as sent. */
    @Test
    void givenAJavaNumberThatIsNoWholeNumberForAnInteger_whenChecking_thenTypeIsWrong() {
        for (Object number : List.of(8.5, 8.5f, 9.007199254740992E15, -9.007199254740994E15, Double.NaN, new java.math.BigDecimal("8.5"),
                new java.math.BigInteger("9223372036854775808"))) {
            assertRejected(() -> check(attribute("bk_cpu"), number),
                    new Failure.InvalidValue("bk_cpu", InvalidReason.WRONG_TYPE_OR_OPTION, number));
        }
    }

    /** Bounds kept as the texts BlueKing's own example sends hold a value as numbers would. */
    @Test
    void givenBoundsKeptAsNumericTexts_whenChecking_thenTheValueIsHeldWithinThem() {
        Attribute term = custom(AttributeType.INT, AttributeOptions.check(AttributeType.INT, Map.of("min", "1", "max", " 10 ")));
        Attribute load = custom(AttributeType.FLOAT, AttributeOptions.check(AttributeType.FLOAT, Map.of("min", "-0.0", "max", "2.5")));

        assertThat(check(term, 10L)).isEqualTo(10L);
        assertRejected(() -> check(term, 11L), new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, 11L));
        assertRejected(() -> check(term, 0L), new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, 0L));
        assertThat(check(load, -0.0)).isEqualTo(0.0);
        assertRejected(() -> check(load, 2.6), new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, 2.6));
    }

    @Test
    void givenJavasNumbersForAFloat_whenChecking_thenEachIsKeptAsTheDoubleOfItsDigits() {
        Attribute load = custom(AttributeType.FLOAT, null);

        assertThat(check(load, 2)).isEqualTo(2.0);
        assertThat(check(load, 0.1f)).isEqualTo(0.1);
        assertThat(check(load, new java.math.BigDecimal("0.1"))).isEqualTo(0.1);
        assertRejected(() -> check(load, new java.math.BigDecimal("0.10000000000000000001")),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, new java.math.BigDecimal("0.10000000000000000001")));
        assertRejected(() -> check(load, Float.NaN),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, Float.NaN));
    }

    /** One value, one form: PostgreSQL's jsonb keeps no sign on a zero, and the stores must agree on what they hold. */
    @Test
    void givenNegativeZeroForAFloat_whenChecking_thenItIsKeptAsZero() {
        Attribute load = custom(AttributeType.FLOAT, null);

        assertThat(check(load, -0.0)).isEqualTo(0.0).matches(zero -> Double.doubleToRawLongBits((Double) zero) == 0L);
        assertThat(check(load, -0.0f)).matches(zero -> Double.doubleToRawLongBits((Double) zero) == 0L);
    }

    @Test
    void givenTextForAnInteger_whenChecking_thenTypeIsWrong() {
        assertRejected(() -> check(attribute("bk_cpu"), "8"),
                new Failure.InvalidValue("bk_cpu", InvalidReason.WRONG_TYPE_OR_OPTION, "8"));
    }

    @Test
    void givenUnknownEnumId_whenChecking_thenItIsNotAllowed() {
        assertRejected(() -> check(attribute("bk_sla"), "9"),
                new Failure.InvalidValue("bk_sla", InvalidReason.NOT_ALLOWED, "9"));
        assertThat(check(attribute("bk_sla"), "2")).isEqualTo("2");
    }

    @Test
    void givenOuterIpList_whenChecking_thenItIsCanonicalAndDeduplicated() {
        assertThat(check(attribute("bk_host_outerip"), "1.1.1.1, 2.2.2.2,1.1.1.1"))
                .isEqualTo("1.1.1.1,2.2.2.2");
    }

    /** BlueKing takes an empty text for any text attribute that is not required, its outer addresses among them. */
    @ParameterizedTest
    @ValueSource(strings = {"bk_host_outerip", "bk_host_outerip_v6"})
    void givenAnEmptyOuterIpList_whenChecking_thenItIsKeptEmpty(String field) {
        assertThat(check(attribute(field), "")).isEqualTo("");
        assertThat(check(attribute(field), "  ")).isEqualTo("");
    }

    @Test
    void givenAnEmptyInnerIpList_whenChecking_thenItIsNoAddressOfItsFamily() {
        assertRejected(() -> check(attribute("bk_host_innerip"), ""),
                new Failure.InvalidValue("bk_host_innerip", InvalidReason.NOT_AN_IPV4, ""));
        assertRejected(() -> check(attribute("bk_host_innerip_v6"), ""),
                new Failure.InvalidValue("bk_host_innerip_v6", InvalidReason.NOT_AN_IPV6, ""));
    }

    /** Each family's field names its own family: "IPv4 or IPv6" sent a caller with '::1' in an IPv4 field looking for a typo. */
    @Test
    void givenAnAddressOfTheOtherFamily_whenChecking_thenItIsNoAddressOfTheFieldsFamily() {
        assertRejected(() -> check(attribute("bk_host_outerip_v6"), "1.1.1.1"),
                new Failure.InvalidValue("bk_host_outerip_v6", InvalidReason.NOT_AN_IPV6, "1.1.1.1"));
        assertRejected(() -> check(attribute("bk_host_outerip"), "::1"),
                new Failure.InvalidValue("bk_host_outerip", InvalidReason.NOT_AN_IPV4, "::1"));
    }

    @Test
    void givenUserList_whenChecking_thenBlanksAreDropped() {
        assertThat(check(attribute("operator"), "alice, ,bob")).isEqualTo("alice,bob");
    }

    @Test
    void givenNull_whenChecking_thenItClearsTheValue() {
        assertThat(check(attribute("bk_cpu"), null)).isNull();
    }

    @Test
    void givenTooLongText_whenChecking_thenItIsTooLong() {
        assertThatThrownBy(() -> check(attribute("bk_host_name"), "x".repeat(257)))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure())
                        .isInstanceOfSatisfying(Failure.InvalidValue.class,
                                invalid -> assertThat(invalid.reason()).isEqualTo(InvalidReason.TOO_LONG)));
    }

    /** An emoji is one character, two UTF-16 units: 256 of them fit a singlechar, as 256 letters do. */
    @Test
    void givenCharactersBeyondTheBasicPlane_whenChecking_thenEachCountsOneAgainstTheLimit() {
        String emoji = "\ud83d\ude00";

        assertThat(check(attribute("bk_host_name"), emoji.repeat(AttributeValues.SINGLECHAR_MAX)))
                .isEqualTo(emoji.repeat(AttributeValues.SINGLECHAR_MAX));
        assertRejected(() -> check(attribute("bk_host_name"), "x" + emoji.repeat(AttributeValues.SINGLECHAR_MAX)),
                new Failure.InvalidValue("bk_host_name", InvalidReason.TOO_LONG, "x" + emoji.repeat(63) + "..."));
    }

    @Test
    void givenListForEnumMulti_whenChecking_thenEveryIdMustBeAnOption() {
        Attribute multi = outsideTheModel("tags", AttributeType.ENUMMULTI,
                List.of(Map.of("id", "a"), Map.of("id", "b")));

        assertThat(check(multi, List.of("a", "b"))).isEqualTo(List.of("a", "b"));
        assertRejected(() -> check(multi, List.of("a", "z")),
                new Failure.InvalidValue("tags", InvalidReason.NOT_ALLOWED, "z"));
    }

    @Test
    void givenAPattern_whenChecking_thenAMatchingValueIsKeptAndAnotherIsNotAllowed() {
        Attribute rack = textWithPattern("^rack-[0-9]+$");

        assertThat(check(rack, "rack-12")).isEqualTo("rack-12");
        assertRejected(() -> check(rack, "shelf-3"),
                new Failure.InvalidValue("rack", InvalidReason.NOT_ALLOWED, "shelf-3"));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void givenAPatternThatBacktracksWithoutEnd_whenChecking_thenTheValueIsTooCostlyInsteadOfHoldingTheThread() {
        // ten nested ways to split the value: without the read budget the match reads it about 10^13
        // times (hours); java.util.regex remembers enough to make ^(a+)+$ cheap, but not this
        String value = "a".repeat(100) + "!";

        assertRejected(() -> check(textWithPattern("^(.*a){10}$"), value),
                new Failure.InvalidValue("rack", InvalidReason.PATTERN_TOO_COSTLY, value));
    }

    /**
     * The review's pattern: each value matches (by {@code .*d}) after some six million reads, more than half
     * a request's budget, so that two of them on one budget cannot both be checked.
     */
    @Test
    void givenTwoValuesEachNeedingMoreThanHalfTheBudget_whenCheckedOnOneBudget_thenTheSecondIsTooCostly() {
        Attribute evil = textWithPattern(COSTLY_PATTERN);
        PatternBudget request = PatternBudget.forOneRequest();

        assertThat(AttributeValues.check(evil, COSTLY_VALUE, request)).isEqualTo(COSTLY_VALUE);
        assertThat(request.readsLeft()).isLessThan(PatternBudget.REQUEST_READS / 2);
        assertRejected(() -> AttributeValues.check(evil, COSTLY_VALUE, request),
                new Failure.InvalidValue("rack", InvalidReason.PATTERN_TOO_COSTLY, COSTLY_VALUE));
    }

    @Test
    void givenAFreshBudgetForEachCall_whenCheckingTheCostlyValueTwice_thenItIsAcceptedBothTimes() {
        Attribute evil = textWithPattern(COSTLY_PATTERN);

        for (int time = 0; time < 2; time++) {
            assertThat(AttributeValues.check(evil, COSTLY_VALUE, PatternBudget.forOneRequest())).isEqualTo(COSTLY_VALUE);
        }
    }

    /** Once spent, the budget refuses a value its pattern would take in a few reads; a value with no pattern draws nothing. */
    @Test
    void givenASpentBudget_whenCheckingACheapPatternAndNoPattern_thenThePatternIsTooCostlyAndTheOtherIsKept() {
        PatternBudget request = PatternBudget.forOneRequest();
        assertRejected(() -> AttributeValues.check(textWithPattern("^(.*a){10}$"), "a".repeat(100) + "!", request),
                new Failure.InvalidValue("rack", InvalidReason.PATTERN_TOO_COSTLY, "a".repeat(100) + "!"));

        assertRejected(() -> AttributeValues.check(textWithPattern("^rack-[0-9]+$"), "rack-1", request),
                new Failure.InvalidValue("rack", InvalidReason.PATTERN_TOO_COSTLY, "rack-1"));
        assertThat(AttributeValues.check(custom(AttributeType.LONGCHAR, null), "rack-1", request)).isEqualTo("rack-1");
    }

    /** A pattern reading each character about once leaves room on one budget for every value of the largest batch. */
    @Test
    void givenALinearPattern_whenCheckingAThousandLongchars_thenAllAreAcceptedOnOneBudget() {
        Attribute slug = textWithPattern("^[a-z0-9-]+$");
        String value = "rack-12-".repeat(AttributeValues.LONGCHAR_MAX / 8);
        PatternBudget request = PatternBudget.forOneRequest();

        for (int n = 0; n < 1_000; n++) {
            assertThat(AttributeValues.check(slug, value, request)).isEqualTo(value);
        }
    }

    @Test
    void givenAListPatternAndALongcharValue_whenChecking_thenTheWholeValueIsChecked() {
        Attribute racks = textWithPattern("^([a-z]+-[0-9]+,)*[a-z]+-[0-9]+$");
        String list = String.join(",", Collections.nCopies(249, "rack-12")) + ",rack-9";
        String lastOneWrong = list.substring(0, list.length() - 1) + "x";

        assertThat(list).hasSizeLessThanOrEqualTo(AttributeValues.LONGCHAR_MAX);
        assertThat(check(racks, list)).isEqualTo(list);
        assertRejected(() -> check(racks, lastOneWrong),
                new Failure.InvalidValue("rack", InvalidReason.NOT_ALLOWED, lastOneWrong));
    }

    @Test
    void givenAPatternThatDoesNotCompile_whenCheckingTwice_thenTheValueIsRefusedAsTheWrongTypeBothTimes() {
        Attribute broken = textWithPattern("^rack-[0-9+$");

        for (int time = 0; time < 2; time++) {
            assertRejected(() -> check(broken, "rack-1"),
                    new Failure.InvalidValue("rack", InvalidReason.WRONG_TYPE_OR_OPTION, "rack-1"));
        }
    }

    @Test
    void givenMorePatternsThanAreKeptCompiled_whenCheckingAgainstEach_thenEachDecidesByItsOwnText() {
        int patterns = AttributeValues.COMPILED_MAX + 10;

        for (int round = 0; round < 2; round++) {
            for (int n = 0; n < patterns; n++) {
                Attribute rack = textWithPattern("^rack-" + n + "$");
                assertThat(check(rack, "rack-" + n)).isEqualTo("rack-" + n);
                String other = "rack-" + (n + 1);
                assertRejected(() -> check(rack, other),
                        new Failure.InvalidValue("rack", InvalidReason.NOT_ALLOWED, other));
            }
        }
        assertThat(AttributeValues.compiledPatterns()).isBetween(1, AttributeValues.COMPILED_MAX);
    }

    @Test
    void givenIntegersAtTheEdgesOfTheRange_whenChecking_thenTheEdgesAreKeptAndOneBeyondIsNotAllowed() {
        Attribute term = custom(AttributeType.INT, Map.of("min", 1L, "max", 10L));

        assertThat(check(term, 1L)).isEqualTo(1L);
        assertThat(check(term, 10L)).isEqualTo(10L);
        assertRejected(() -> check(term, 0L),
                new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, 0L));
        assertRejected(() -> check(term, 11L),
                new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, 11L));
    }

    /**
     * Go's {@code .} and {@code $} know one line terminator, {@code \n}; Java's five, until 2026-12-07: {@code ^a.b$}
     * refused {@code a\rb} and {@code a\u2028b}, which BlueKing takes.
     */
    @Test
    void givenALineTerminatorOtherThanNewlineInAValue_whenMatchingADot_thenItIsAnyCharacterAsInGo() {
        Attribute dotted = textWithPattern("^a.b$");

        for (String value : List.of("a\rb", "a\u2028b", "a\u2029b", "a\u0085b", "axb")) {
            assertThat(check(dotted, value)).isEqualTo(value);
        }
        assertRejected(() -> check(dotted, "a\nb"), new Failure.InvalidValue("rack", InvalidReason.NOT_ALLOWED, "a\nb"));
    }

    /** Go's {@code (?i)} folds the case of every script; Java's folded ASCII alone until 2026-12-07. */
    @Test
    void givenACaseInsensitivePattern_whenMatchingLettersBeyondAscii_thenTheirCaseIsFoldedAsInGo() {
        Attribute named = textWithPattern("(?i)^café-ａ$");

        assertThat(check(named, "CAFÉ-Ａ")).isEqualTo("CAFÉ-Ａ");
        assertRejected(() -> check(named, "CAFE-A"), new Failure.InvalidValue("rack", InvalidReason.NOT_ALLOWED, "CAFE-A"));
    }

    /** BlueKing's Go {@code MatchString} finds a pattern anywhere in the value; a whole value is matched by anchors. */
    @Test
    void givenAPatternThatIsNotAnchored_whenChecking_thenItNeedsToMatchOnlyPartOfTheValue() {
        Attribute rack = custom(AttributeType.SINGLECHAR, "^rack-");
        Attribute digits = custom(AttributeType.SINGLECHAR, "[0-9]+");
        Attribute whole = custom(AttributeType.SINGLECHAR, "^[0-9]+$");

        assertThat(check(rack, "rack-12")).isEqualTo("rack-12");
        assertThat(check(digits, "a1b")).isEqualTo("a1b");
        assertRejected(() -> check(rack, "my-rack-12"),
                new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, "my-rack-12"));
        assertRejected(() -> check(digits, "abc"),
                new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, "abc"));
        assertRejected(() -> check(whole, "a1b"),
                new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, "a1b"));
    }

    /** 2^53 + 1 is 2^53 as a double: whole numbers are compared as whole numbers. */
    @Test
    void givenIntegersPastADoublesPrecision_whenChecking_thenOneBeyondTheRangeIsNotAllowed() {
        Attribute term = custom(AttributeType.INT, Map.of("min", -9_007_199_254_740_992L, "max", 9_007_199_254_740_992L));

        assertThat(check(term, 9_007_199_254_740_992L)).isEqualTo(9_007_199_254_740_992L);
        assertRejected(() -> check(term, 9_007_199_254_740_993L),
                new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, 9_007_199_254_740_993L));
        assertRejected(() -> check(term, -9_007_199_254_740_993L),
                new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, -9_007_199_254_740_993L));
    }

    @Test
    void givenTextOfExactlyTheLimit_whenChecking_thenItIsKept() {
        String longest = "x".repeat(AttributeValues.SINGLECHAR_MAX);

        assertThat(check(attribute("bk_host_name"), longest)).isEqualTo(longest);
    }

    @Test
    void givenTooLongText_whenChecking_thenTheFailureQuotesItsFirst64Characters() {
        String tooLong = "abcd".repeat(16) + "x".repeat(AttributeValues.SINGLECHAR_MAX - 63);

        assertRejected(() -> check(attribute("bk_host_name"), tooLong),
                new Failure.InvalidValue("bk_host_name", InvalidReason.TOO_LONG, "abcd".repeat(16) + "..."));
    }

    @Test
    void givenUserNamesAtTheLengthLimit_whenChecking_thenTheLongestIsKeptAndOneMoreIsNotAllowed() {
        String longest = "u".repeat(AttributeValues.SINGLECHAR_MAX);
        String tooLong = longest + "u";

        assertThat(check(attribute("operator"), "alice," + longest)).isEqualTo("alice," + longest);
        assertRejected(() -> check(attribute("operator"), tooLong),
                new Failure.InvalidValue("operator", InvalidReason.NOT_ALLOWED, "u".repeat(64) + "..."));
    }

    @Test
    void givenAUserNameWithASpaceInside_whenChecking_thenItIsNotAllowedAndQuotedWhole() {
        String badName = "bad name " + "x".repeat(55);

        assertThat(badName).hasSize(64);
        assertRejected(() -> check(attribute("operator"), "alice," + badName),
                new Failure.InvalidValue("operator", InvalidReason.NOT_ALLOWED, badName));
    }

    /** Precomposed and combining accents, Devanagari vowel signs and a virama (marks), Han, digits of another script. */
    @ParameterizedTest
    @ValueSource(strings = {"张三", "josé", "müller", "अनिल", "प्रिया", "user_١٢", "a.b-c@d"})
    void givenAUserNameInAnyScript_whenChecking_thenItIsKept(String name) {
        assertThat(check(attribute("operator"), " " + name + " ")).isEqualTo(name);
    }

    /** One user, one name: the same name typed with a combining accent is the name stored precomposed. */
    @Test
    void givenNamesWithCombiningAccents_whenChecking_thenEachIsKeptComposed() {
        assertThat(check(attribute("operator"), "jose\u0301, Zo\u0308e,alice"))
                .isEqualTo("jos\u00e9,Z\u00f6e,alice");
    }

    /** A name's cap counts it composed: 256 accented letters sent decomposed are 512 characters, but one name of 256. */
    @Test
    void givenANameOverTheCapOnlyWhileDecomposed_whenChecking_thenItIsKeptComposedAndOneLetterMoreIsNotAllowed() {
        String decomposed = "e\u0301".repeat(AttributeValues.SINGLECHAR_MAX);

        assertThat(decomposed).hasSize(2 * AttributeValues.SINGLECHAR_MAX);
        assertThat(check(attribute("operator"), decomposed))
                .isEqualTo("\u00e9".repeat(AttributeValues.SINGLECHAR_MAX));
        assertRejected(() -> check(attribute("operator"), decomposed + "e\u0301"),
                new Failure.InvalidValue("operator", InvalidReason.NOT_ALLOWED, "\u00e9".repeat(64) + "..."));
    }

    @Test
    void givenAUserListOverTheWholeValueCapOnlyWhileDecomposed_whenChecking_thenItIsKeptComposed() {
        String decomposed = String.join(",", Collections.nCopies(10, "e\u0301".repeat(199))) + "9";
        String composed = String.join(",", Collections.nCopies(10, "\u00e9".repeat(199))) + "9";

        assertThat(composed).hasSize(AttributeValues.USERS_MAX);
        assertThat(check(attribute("operator"), decomposed)).isEqualTo(composed);
        assertRejected(() -> check(attribute("operator"), decomposed + "9"),
                new Failure.InvalidValue("operator", InvalidReason.TOO_LONG, "\u00e9".repeat(64) + "..."));
    }

    @Test
    void givenAListMixingScripts_whenChecking_thenEveryNameIsKeptInOrder() {
        assertThat(check(attribute("operator"), "alice, 张三,josé@corp.example,अनिल"))
                .isEqualTo("alice,张三,josé@corp.example,अनिल");
    }

    @Test
    void givenAnEmptyNameBetweenCommas_whenChecking_thenItIsDroppedAsBefore() {
        assertThat(check(attribute("operator"), "a,,b")).isEqualTo("a,b");
        assertThat(check(attribute("operator"), ",")).isEqualTo("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "张 三", "a\u0007b", "a\tb", "a\u0000b", "a\u200bb", "a\u00a0b", "a\ud800b", "a;b", "o'brien"})
    void givenANameWithASpaceControlOrOtherCharacterInside_whenChecking_thenItIsNotAllowed(String name) {
        // shown as the name was checked: a lone surrogate made U+FFFD, as UserNames makes it
        assertRejected(() -> check(attribute("operator"), "alice," + name),
                new Failure.InvalidValue("operator", InvalidReason.NOT_ALLOWED, StoredTexts.withLoneSurrogatesReplaced(name)));
    }

    @Test
    void givenAUserListAtBlueKingsWholeValueLimit_whenChecking_thenItIsKeptAndOneCharacterMoreIsTooLong() {
        String names = String.join(",", Collections.nCopies(10, "张".repeat(199)));
        String longest = names + "9";
        String tooLong = names + "99";

        assertThat(longest).hasSize(AttributeValues.USERS_MAX);
        assertThat(check(attribute("operator"), longest)).isEqualTo(longest);
        assertRejected(() -> check(attribute("operator"), tooLong),
                new Failure.InvalidValue("operator", InvalidReason.TOO_LONG, "张".repeat(64) + "..."));
    }

    @Test
    void givenNumbersForAFloatWithARange_whenChecking_thenTheyAreKeptAsDecimalsWithinIt() {
        Attribute load = custom(AttributeType.FLOAT, Map.of("min", 0.5, "max", 2L));

        assertThat(check(load, 0.5)).isEqualTo(0.5);
        assertThat(check(load, 2L)).isEqualTo(2.0);
        assertRejected(() -> check(load, 0.25),
                new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, 0.25));
        assertRejected(() -> check(load, 2.01),
                new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, 2.01));
    }

    @Test
    void givenSomethingOtherThanAFiniteNumberForAFloat_whenChecking_thenTypeIsWrong() {
        Attribute load = custom(AttributeType.FLOAT, null);

        assertRejected(() -> check(load, "1.5"),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, "1.5"));
        assertRejected(() -> check(load, Double.NaN),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, Double.NaN));
        assertRejected(() -> check(load, Double.POSITIVE_INFINITY),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, Double.POSITIVE_INFINITY));
    }

    @Test
    void givenADate_whenChecking_thenAnIsoDayIsKeptTrimmedAndAnythingElseIsTheWrongType() {
        Attribute day = custom(AttributeType.DATE, null);

        assertThat(check(day, " 2026-12-01 ")).isEqualTo("2026-12-01");
        assertRejected(() -> check(day, "2026-13-01"),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, "2026-13-01"));
        assertRejected(() -> check(day, "12026-12-01"),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, "12026-12-01"));
        assertRejected(() -> check(day, "+12026-12-01"),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, "+12026-12-01"));
        assertRejected(() -> check(day, 20261201L),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, 20261201L));
    }

    /**
     * No date, as BlueKing takes it: clearing a date from a form, or writing back a host read from BlueKing, sends
     * {@code ""}, which was refused until 2026-12-07. A time's {@code ""} stays refused, as BlueKing's store refuses it.
     */
    /**
     * An option created with white space at its ends (kept as created) is still chosen, as the option holds it,
     * now that the value chosen is trimmed on its way: by its text as sent and by that text trimmed.
     */
    @Test
    void givenAnOptionWithWhiteSpaceAtItsEnds_whenChosenAsSentOrTrimmed_thenTheOptionIsKeptAsItIs() {
        Attribute spaced = custom(AttributeType.ENUM, List.of(Map.of("id", " a ", "name", "A"), Map.of("id", "b", "name", "B")));
        Attribute listed = custom(AttributeType.LIST, List.of(" x ", "y"));

        assertThat(check(spaced, " a ")).isEqualTo(" a ");
        assertThat(check(spaced, "a")).isEqualTo(" a ");
        assertThat(check(listed, " x ")).isEqualTo(" x ");
        assertThat(check(listed, "x\u3000")).isEqualTo(" x ");
        assertRejected(() -> check(spaced, "c"), new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, "c"));
    }

    /** Each address of a list is trimmed of Go's white space, as BlueKing trims the value, and of nothing else. */
    @Test
    void givenAnAddressEndingInUnicodeWhiteSpace_whenChecking_thenItIsTrimmedAndAControlCharacterIsNot() {
        assertThat(check(attribute("bk_host_outerip"), "10.0.0.1\u3000,\u00a010.0.0.2")).isEqualTo("10.0.0.1,10.0.0.2");
        assertThat(check(attribute("bk_host_outerip"), "\u3000")).isEqualTo("");
        assertRejected(() -> check(attribute("bk_host_outerip"), "\u001c10.0.0.1"),
                new Failure.InvalidValue("bk_host_outerip", InvalidReason.NOT_AN_IPV4, "\u001c10.0.0.1"));
    }

    @Test
    void givenAnEmptyOrBlankDate_whenChecking_thenItIsKeptAsEmpty() {
        Attribute day = custom(AttributeType.DATE, null);

        assertThat(check(day, "")).isEqualTo("");
        assertThat(check(day, " \u3000")).isEqualTo("");
        assertRejected(() -> check(attribute("create_time"), ""),
                new Failure.InvalidValue("create_time", InvalidReason.WRONG_TYPE_OR_OPTION, ""));
    }

    /**
     * Every text is trimmed as BlueKing trims it, of Unicode's white space and no other control character, before
     * it is checked: an enum's or a list's too, and each name of a user list.
     */
    @Test
    void givenTextsEndingInWhiteSpaceOfAnyKind_whenChecking_thenEachIsKeptAsBlueKingTrimsIt() {
        assertThat(check(attribute("bk_host_name"), "web01\u3000")).isEqualTo("web01");
        assertThat(check(attribute("bk_host_name"), "\u00a0web01\u2028\u0085\u000b")).isEqualTo("web01");
        assertThat(check(attribute("bk_host_name"), "\u0001web01\u001f")).isEqualTo("\u0001web01\u001f");
        assertThat(check(attribute("bk_sla"), "1 ")).isEqualTo("1");
        assertThat(check(custom(AttributeType.LIST, List.of("备用机", "运营中")), "\u3000备用机")).isEqualTo("备用机");
        assertThat(check(attribute("operator"), "alice\u3000,\u00a0bob")).isEqualTo("alice,bob");
        assertThat(check(custom(AttributeType.TIMEZONE, null), "Asia/Shanghai\u3000")).isEqualTo("Asia/Shanghai");
    }

    @Test
    void givenATime_whenChecking_thenOnlyBlueKingsLayoutIsKept() {
        Attribute created = attribute("create_time");

        assertThat(check(created, "2026-12-01 21:09:25")).isEqualTo("2026-12-01 21:09:25");
        assertRejected(() -> check(created, "2026-12-01T21:09:25"),
                new Failure.InvalidValue("create_time", InvalidReason.WRONG_TYPE_OR_OPTION, "2026-12-01T21:09:25"));
    }

    /** BlueKing's other layout, the one it answers times in: a fraction if any, an offset east of UTC alone. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T21:09:25+08:00", "2026-12-01T21:09:25.354+08:00", "2026-12-01T21:09:25+00:00",
            "2024-02-29T23:59:59.123456789+05:30"})
    void givenATimeWithItsOffsetEastOfUtc_whenChecking_thenItIsKeptAsSent(String text) {
        assertThat(check(attribute("create_time"), " " + text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T21:09:25-05:00", "2026-12-01T21:09:25Z", "2026-12-01T21:09:25+0800",
            "2026-02-31T10:00:00+08:00", "2026-12-01T24:00:00+08:00", "2026-12-01T21:09:25.+08:00",
            "2026-12-01 21:09:25+08:00", "12026-12-01T21:09:25+08:00", "2026-12-01T21:09:25+8:00"})
    void givenATimeWithAnOffsetBlueKingDoesNotTake_whenChecking_thenItIsTheWrongType(String text) {
        assertRejected(() -> check(attribute("create_time"), text),
                new Failure.InvalidValue("create_time", InvalidReason.WRONG_TYPE_OR_OPTION, text));
    }

    /** As Go's time.Parse reads BlueKing's layout: a day or an hour out of range, or a year not of four digits, is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"2024-02-31 10:00:00", "2023-02-29 10:00:00", "2024-01-01 24:00:00", "2024-04-31 00:00:00",
            "12024-01-01 10:00:00", "+2024-01-01 10:00:00", "2024-01-01 10:60:00"})
    void givenATimeThatNeverWas_whenChecking_thenItIsTheWrongType(String text) {
        Attribute created = attribute("create_time");

        assertRejected(() -> check(created, text),
                new Failure.InvalidValue("create_time", InvalidReason.WRONG_TYPE_OR_OPTION, text));
        assertThat(check(created, "2024-02-29 23:59:59")).as("a leap day").isEqualTo("2024-02-29 23:59:59");
    }

    /**
     * A zone's name is checked by its shape, as BlueKing checks it, not against the JDK's database: until 2026-12-07
     * {@code ROC}, {@code EST} and zones newer than the JDK were refused, and {@code +08:00} taken.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Asia/Shanghai", "ROC", "EST", "America/Coyhaique", "Etc/GMT+8", "Etc/GMT\u22128",
            "America/Port-au-Prince", "UTC"})
    void givenAZoneNameOfBlueKingsShape_whenChecking_thenItIsKept(String name) {
        assertThat(check(custom(AttributeType.TIMEZONE, null), " " + name + " ")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+08:00", "UTC+08:00", "Asia/Shang hai", "Asia/Shanghai;", "东八区", "", "\u3000"})
    void givenAZoneNameOfAnotherShape_whenChecking_thenItIsNotAllowed(String name) {
        String trimmed = name.strip();
        assertRejected(() -> check(custom(AttributeType.TIMEZONE, null), name),
                new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, trimmed));
    }

    @Test
    void givenATimezoneThatIsNoText_whenChecking_thenTheTypeIsWrong() {
        assertRejected(() -> check(custom(AttributeType.TIMEZONE, null), 8L),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, 8L));
    }

    @Test
    void givenABoolean_whenChecking_thenOnlyAJsonBooleanIsKept() {
        Attribute flag = custom(AttributeType.BOOL, null);

        assertThat(check(flag, true)).isEqualTo(true);
        assertThat(check(flag, false)).isEqualTo(false);
        assertRejected(() -> check(flag, "true"),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, "true"));
    }

    @Test
    void givenAListAttribute_whenChecking_thenOnlyOneOfItsItemsIsKept() {
        Attribute state = custom(AttributeType.LIST, List.of("running", "retired"));

        assertThat(check(state, "retired")).isEqualTo("retired");
        assertRejected(() -> check(state, "lost"),
                new Failure.InvalidValue("custom", InvalidReason.NOT_ALLOWED, "lost"));
        assertRejected(() -> check(state, 1L),
                new Failure.InvalidValue("custom", InvalidReason.WRONG_TYPE_OR_OPTION, 1L));
    }

    /** A check on a budget of its own, as a request of one value makes. */
    private static Object check(Attribute attribute, Object value) {
        return AttributeValues.check(attribute, value, PatternBudget.forOneRequest());
    }

    private static Attribute custom(AttributeType type, Object option) {
        return outsideTheModel("custom", type, option);
    }

    private static Attribute textWithPattern(String regex) {
        return outsideTheModel("rack", AttributeType.LONGCHAR, regex);
    }

    /** An editable attribute of no business's, outside the model, named {@code propertyId} throughout. */
    private static Attribute outsideTheModel(String propertyId, AttributeType type, Object option) {
        return new Attribute(50, propertyId, propertyId, propertyId, "default", type, option, true, false, false,
                false, false, null, "", "", "", HostModels.EPOCH);
    }

    private Attribute attribute(String propertyId) {
        return model.attribute(propertyId, dev.hostclone.domain.business.BusinessId.of(2)).orElseThrow();
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Failure expected) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }
}
