package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.regex.Pattern;
import dev.hostclone.domain.testing.Generators;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** IPv4 parsing accepts exactly the dotted quads of RFC 791's decimal octets, as given. */
class IpAddressProperties {

    /** The reference: four octets 0–255, each without a leading zero. */
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    @Test
    void everyDottedQuadOfOctetsParsesAsGiven() {
        Gen<Integer> octets = integers().between(0, 255);
        qt().forAll(octets, octets, octets, octets).checkAssert((a, b, c, d) -> {
            String text = a + "." + b + "." + c + "." + d;
            assertThat(IpAddress.parse(text)).hasValueSatisfying(ip -> {
                assertThat(ip.text()).isEqualTo(text);
                assertThat(ip.isV4()).isTrue();
            });
        });
    }

    @Test
    void aTextOfDigitsAndDotsParsesExactlyWhenItIsADottedQuad() {
        qt().withExamples(5000).forAll(digitsAndDots()).checkAssert(text ->
                assertThat(IpAddress.parse(text).isPresent()).as(text).isEqualTo(DOTTED_QUAD.matcher(text).matches()));
    }

    /** Any digits and dots; texts of the digits that make octets' edges; three to five numbers up to 999. */
    private static Gen<String> digitsAndDots() {
        return Generators.oneOf(
                Generators.textsOf("0123456789.", 0, 17),
                Generators.textsOf("0125.", 7, 15),
                lists().of(integers().between(0, 999)).ofSizeBetween(3, 5)
                        .map(octets -> String.join(".", octets.stream().map(String::valueOf).toList())));
    }
}
