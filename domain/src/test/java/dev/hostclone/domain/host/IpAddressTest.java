package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "255.255.255.255", "127.0.0.1"})
    void givenDottedQuad_whenParsing_thenItIsIpv4AsGiven(String text) {
        assertThat(IpAddress.parse(text)).hasValueSatisfying(ip -> {
            assertThat(ip.text()).isEqualTo(text);
            assertThat(ip.isV4()).isTrue();
        });
    }

    @ParameterizedTest
    @CsvSource({
            "::1, 0000:0000:0000:0000:0000:0000:0000:0001",
            "FE80::A:1, fe80:0000:0000:0000:0000:0000:000a:0001",
            "2001:db8:0:0:0:0:2:1, 2001:0db8:0000:0000:0000:0000:0002:0001",
            "::ffff:10.0.0.1, 0000:0000:0000:0000:0000:ffff:0a00:0001",
            "::, 0000:0000:0000:0000:0000:0000:0000:0000",
            "1:2:3:4:5:6::7, 0001:0002:0003:0004:0005:0006:0000:0007",
            "::ffff:192.168.1.2, 0000:0000:0000:0000:0000:ffff:c0a8:0102",
            "0000:0000:0000:0000:0000:ffff:255.255.255.255, 0000:0000:0000:0000:0000:ffff:ffff:ffff"})
    void givenIpv6Form_whenParsing_thenItIsCanonicalFullForm(String text, String canonical) {
        assertThat(IpAddress.parse(text)).hasValueSatisfying(ip -> assertThat(ip.text()).isEqualTo(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "127.0.1", "256.0.0.1", "01.0.0.1", "1.2.3.4.5", "10.0.0.1,10.0.0.2",
            "10.0.0.1 ", "localhost", "a.b.c.d", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4::5:6:7:8", "1.2.3.4::1", "12345::1", "::g", ":1", "1:"})
    void givenNotAnAddress_whenParsing_thenItIsEmpty(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    /** {@code Character.digit} reads these as hex digits; an address has ASCII's only. */
    @ParameterizedTest
    @ValueSource(strings = {"::\uFF11", "2001:db8::\u0661", "fe80::\uFF21", "\uFF10\uFF10::1"})
    void givenIpv6WithDigitsOfAnotherScript_whenParsing_thenItIsEmpty(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @Test
    void givenTwoForms_whenComparing_thenAddressesAreEqualExactlyWhenTheirCanonicalFormsAre() {
        assertThat(IpAddress.of("::1")).isEqualTo(IpAddress.of("0:0:0:0:0:0:0:1")).hasSameHashCodeAs(IpAddress.of("::1"));
        assertThat(IpAddress.of("10.0.0.1")).isNotEqualTo(IpAddress.of("10.0.0.2"));
    }
}
