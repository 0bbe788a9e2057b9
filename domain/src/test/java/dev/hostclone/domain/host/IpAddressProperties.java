package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** IPv4 parsing accepts exactly the dotted quads of RFC 791's decimal octets, as given. */
class IpAddressProperties {

    /** The reference: four octets 0–255, each without a leading zero. */
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    @Property
    void everyDottedQuadOfOctetsParsesAsGiven(@ForAll @IntRange(max = 255) int a, @ForAll @IntRange(max = 255) int b,
                                              @ForAll @IntRange(max = 255) int c, @ForAll @IntRange(max = 255) int d) {
        String text = a + "." + b + "." + c + "." + d;
        assertThat(IpAddress.parse(text)).hasValueSatisfying(ip -> {
            assertThat(ip.text()).isEqualTo(text);
            assertThat(ip.isV4()).isTrue();
        });
    }

    @Property(tries = 5000)
    void aTextOfDigitsAndDotsParsesExactlyWhenItIsADottedQuad(@ForAll("digitsAndDots") String text) {
        assertThat(IpAddress.parse(text).isPresent()).as(text).isEqualTo(DOTTED_QUAD.matcher(text).matches());
    }

    @Provide
    Arbitrary<String> digitsAndDots() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789.").ofMaxLength(17),
                Arbitraries.strings().withChars("0125.").ofMinLength(7).ofMaxLength(15),
                Arbitraries.integers().between(0, 999).list().ofMinSize(3).ofMaxSize(5)
                        .map(octets -> String.join(".", octets.stream().map(String::valueOf).toList())));
    }
}
