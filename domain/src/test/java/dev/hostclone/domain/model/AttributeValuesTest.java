package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.testing.HostModels;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AttributeValuesTest {

    private final HostModel model = HostModels.standard();

    @Test
    void givenPaddedText_whenChecking_thenItIsTrimmed() {
        assertThat(AttributeValues.check(attribute("bk_host_name"), "  web-1 ")).isEqualTo("web-1");
    }

    @Test
    void givenIntegerInRange_whenChecking_thenItIsKept() {
        assertThat(AttributeValues.check(attribute("bk_cpu"), 8L)).isEqualTo(8L);
    }

    @Test
    void givenIntegerOutOfRange_whenChecking_thenItIsNotAllowed() {
        assertRejected(() -> AttributeValues.check(attribute("bk_cpu"), 0L),
                new Failure.InvalidValue("bk_cpu", InvalidReason.NOT_ALLOWED, 0L));
    }

    @Test
    void givenTextForAnInteger_whenChecking_thenTypeIsWrong() {
        assertRejected(() -> AttributeValues.check(attribute("bk_cpu"), "8"),
                new Failure.InvalidValue("bk_cpu", InvalidReason.WRONG_TYPE_OR_OPTION, "8"));
    }

    @Test
    void givenUnknownEnumId_whenChecking_thenItIsNotAllowed() {
        assertRejected(() -> AttributeValues.check(attribute("bk_sla"), "9"),
                new Failure.InvalidValue("bk_sla", InvalidReason.NOT_ALLOWED, "9"));
        assertThat(AttributeValues.check(attribute("bk_sla"), "2")).isEqualTo("2");
    }

    @Test
    void givenOuterIpList_whenChecking_thenItIsCanonicalAndDeduplicated() {
        assertThat(AttributeValues.check(attribute("bk_host_outerip"), "1.1.1.1, 2.2.2.2,1.1.1.1"))
                .isEqualTo("1.1.1.1,2.2.2.2");
    }

    @Test
    void givenIpv4InAnIpv6Field_whenChecking_thenItIsNotAnIp() {
        assertRejected(() -> AttributeValues.check(attribute("bk_host_outerip_v6"), "1.1.1.1"),
                new Failure.InvalidValue("bk_host_outerip_v6", InvalidReason.NOT_AN_IP, "1.1.1.1"));
    }

    @Test
    void givenUserList_whenChecking_thenBlanksAreDropped() {
        assertThat(AttributeValues.check(attribute("operator"), "alice, ,bob")).isEqualTo("alice,bob");
    }

    @Test
    void givenNull_whenChecking_thenItClearsTheValue() {
        assertThat(AttributeValues.check(attribute("bk_cpu"), null)).isNull();
    }

    @Test
    void givenTooLongText_whenChecking_thenItIsTooLong() {
        assertThatThrownBy(() -> AttributeValues.check(attribute("bk_host_name"), "x".repeat(257)))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure())
                        .isInstanceOfSatisfying(Failure.InvalidValue.class,
                                invalid -> assertThat(invalid.reason()).isEqualTo(InvalidReason.TOO_LONG)));
    }

    @Test
    void givenListForEnumMulti_whenChecking_thenEveryIdMustBeAnOption() {
        Attribute multi = new Attribute(50, "tags", "tags", "tags", "default", AttributeType.ENUMMULTI,
                List.of(java.util.Map.of("id", "a"), java.util.Map.of("id", "b")), true, false, false, false, false,
                null, "", "", "", HostModels.EPOCH);

        assertThat(AttributeValues.check(multi, List.of("a", "b"))).isEqualTo(List.of("a", "b"));
        assertRejected(() -> AttributeValues.check(multi, List.of("a", "z")),
                new Failure.InvalidValue("tags", InvalidReason.NOT_ALLOWED, "z"));
    }

    @Test
    void givenAPattern_whenChecking_thenAMatchingValueIsKeptAndAnotherIsNotAllowed() {
        Attribute rack = textWithPattern("^rack-[0-9]+$");

        assertThat(AttributeValues.check(rack, "rack-12")).isEqualTo("rack-12");
        assertRejected(() -> AttributeValues.check(rack, "shelf-3"),
                new Failure.InvalidValue("rack", InvalidReason.NOT_ALLOWED, "shelf-3"));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void givenAPatternThatBacktracksWithoutEnd_whenChecking_thenTheValueIsNotAllowedInsteadOfHoldingTheThread() {
        // ten nested ways to split the value: without the read budget the match reads it about 10^13
        // times (hours); java.util.regex remembers enough to make ^(a+)+$ cheap, but not this
        String value = "a".repeat(100) + "!";

        assertRejected(() -> AttributeValues.check(textWithPattern("^(.*a){10}$"), value),
                new Failure.InvalidValue("rack", InvalidReason.NOT_ALLOWED, value));
    }

    @Test
    void givenAListPatternAndALongcharValue_whenChecking_thenTheWholeValueIsChecked() {
        Attribute racks = textWithPattern("^([a-z]+-[0-9]+,)*[a-z]+-[0-9]+$");
        String list = String.join(",", Collections.nCopies(249, "rack-12")) + ",rack-9";
        String lastOneWrong = list.substring(0, list.length() - 1) + "x";

        assertThat(list).hasSizeLessThanOrEqualTo(AttributeValues.LONGCHAR_MAX);
        assertThat(AttributeValues.check(racks, list)).isEqualTo(list);
        assertRejected(() -> AttributeValues.check(racks, lastOneWrong),
                new Failure.InvalidValue("rack", InvalidReason.NOT_ALLOWED, lastOneWrong));
    }

    @Test
    void givenAPatternThatDoesNotCompile_whenCheckingTwice_thenTheValueIsRefusedAsTheWrongTypeBothTimes() {
        Attribute broken = textWithPattern("^rack-[0-9+$");

        for (int time = 0; time < 2; time++) {
            assertRejected(() -> AttributeValues.check(broken, "rack-1"),
                    new Failure.InvalidValue("rack", InvalidReason.WRONG_TYPE_OR_OPTION, "rack-1"));
        }
    }

    @Test
    void givenMorePatternsThanAreKeptCompiled_whenCheckingAgainstEach_thenEachDecidesByItsOwnText() {
        int patterns = AttributeValues.COMPILED_MAX + 10;

        for (int round = 0; round < 2; round++) {
            for (int n = 0; n < patterns; n++) {
                Attribute rack = textWithPattern("^rack-" + n + "$");
                assertThat(AttributeValues.check(rack, "rack-" + n)).isEqualTo("rack-" + n);
                String other = "rack-" + (n + 1);
                assertRejected(() -> AttributeValues.check(rack, other),
                        new Failure.InvalidValue("rack", InvalidReason.NOT_ALLOWED, other));
            }
        }
        assertThat(AttributeValues.compiledPatterns()).isBetween(1, AttributeValues.COMPILED_MAX);
    }

    private static Attribute textWithPattern(String regex) {
        return new Attribute(51, "rack", "rack", "rack", "default", AttributeType.LONGCHAR, regex, true, false, false,
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
