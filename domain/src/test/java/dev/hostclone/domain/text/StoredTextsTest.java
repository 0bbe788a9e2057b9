package dev.hostclone.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StoredTextsTest {

    /** Unicode's White_Space, as Go's unicode.IsSpace lists it: what BlueKing's strings.TrimSpace takes off. */
    private static final String GO_SPACE = "\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
            + "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

    @Test
    void givenEachOfGosWhiteSpaceAtEitherEnd_whenTrimming_thenItIsTakenOff() {
        GO_SPACE.chars().forEach(space -> assertThat(StoredTexts.trimmed((char) space + "a b" + (char) space))
                .as("U+%04X", space).isEqualTo("a b"));
    }

    @Test
    void givenAnyOtherCharacterOfTheBasicPlaneAtAnEnd_whenTrimming_thenItIsKept() {
        IntStream.rangeClosed(0, 0xFFFF).filter(c -> GO_SPACE.indexOf(c) < 0).forEach(c -> {
            String text = (char) c + "a";
            assertThat(StoredTexts.trimmed(text)).as("U+%04X", c).isEqualTo(text);
        });
    }

    @Test
    void givenNothingButWhiteSpace_whenTrimming_thenNothingIsLeft() {
        assertThat(StoredTexts.trimmed(GO_SPACE)).isEmpty();
        assertThat(StoredTexts.trimmed("")).isEmpty();
    }
}
