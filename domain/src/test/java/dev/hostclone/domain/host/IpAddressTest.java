package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;

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
            "::, 0000:0000:0000:0000:0000:0000:0000:0000"})
    void givenIpv6Form_whenParsing_thenItIsCanonicalFullForm(String text, String canonical) {
        assertThat(IpAddress.parse(text)).hasValueSatisfying(ip -> assertThat(ip.text()).isEqualTo(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "127.0.1", "256.0.0.1", "01.0.0.1", "1.2.3.4.5", "10.0.0.1,10.0.0.2",
            "10.0.0.1 ", "localhost", "a.b.c.d", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::1", "::g", ":1", "1:"})
    void givenNotAnAddress_whenParsing_thenItIsEmpty(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }
}
