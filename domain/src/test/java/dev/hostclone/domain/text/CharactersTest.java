package dev.hostclone.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CharactersTest {

    private static final String EMOJI = "\ud83d\ude00";

    @Test
    void givenATextOfCharactersBeyondTheBasicPlane_whenMeasuring_thenEachCountsOne() {
        assertThat(Characters.over(EMOJI.repeat(3), 3)).isFalse();
        assertThat(Characters.over(EMOJI.repeat(4), 3)).isTrue();
        assertThat(Characters.over("abcd", 3)).isTrue();
        assertThat(Characters.over("abc", 3)).isFalse();
    }

    /** Cut by UTF-16 units, the text ended in half an emoji: a lone surrogate that many JSON decoders refuse. */
    @Test
    void givenACutThatWouldFallInsideAnEmoji_whenAbbreviating_thenTheEmojiIsKeptWhole() {
        assertThat(Characters.abbreviated("a" + EMOJI.repeat(5), 3)).isEqualTo("a" + EMOJI + EMOJI + "...");
        assertThat(Characters.abbreviated("a" + EMOJI.repeat(2), 3)).isEqualTo("a" + EMOJI + EMOJI);
        assertThat(Characters.abbreviated("abcdef", 3)).isEqualTo("abc...");
    }

    @Test
    void givenALoneSurrogate_whenAbbreviating_thenItCountsAsOneCharacter() {
        assertThat(Characters.abbreviated("ab\ud83dcd", 3)).isEqualTo("ab\ud83d...");
    }
}
