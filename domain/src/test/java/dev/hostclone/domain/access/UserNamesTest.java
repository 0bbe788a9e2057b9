package dev.hostclone.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One user, one name: each name in its composed form (NFC), whichever form it came in. */
class UserNamesTest {

    @ParameterizedTest
    @CsvSource({
            "jose\u0301,jos\u00e9",
            "Zo\u0308e,Z\u00f6e",
            "\u1112\u1161\u11ab,\ud55c",
            "a\u0323\u0307,\u1ea1\u0307"})
    void givenANameDecomposedOrNotCanonical_whenNormalized_thenItIsComposed(String sent, String composed) {
        assertThat(UserNames.normalized(sent)).isEqualTo(composed);
    }

    /**
     * NFC maps these to other characters (KELVIN SIGN to K, ANGSTROM SIGN to \u00c5, a CJK compatibility
     * ideograph to its unified one, a Devanagari composition exclusion apart), even beside an accent it would
     * compose: a directory comparing names as sent holds each and its image as two accounts.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\u212aate", "\u212b", "\uf91d", "\u0958a", "\u212aate\u0301"})
    void givenANameHoldingACharacterNfcReplaces_whenNormalized_thenItIsKeptAsSent(String sent) {
        assertThat(UserNames.normalized(sent)).isSameAs(sent);
    }

    @Test
    void givenAnActorNamedWithTheKelvinSign_whenMade_thenItIsNotTheUserNamedWithK() {
        assertThat(new Actor("app", "\u212aate", "rid").user()).isNotEqualTo("Kate").isEqualTo("\u212aate");
    }

    @Test
    void givenANameAlreadyComposed_whenNormalized_thenTheSameInstanceComesBack() {
        String composed = new String("jos\u00e9");
        String ascii = new String("alice");

        assertThat(UserNames.normalized(composed)).isSameAs(composed);
        assertThat(UserNames.normalized(ascii)).isSameAs(ascii);
        assertThat(UserNames.normalized(null)).isNull();
    }

    @Test
    void givenAnActorNamedDecomposed_whenMade_thenItsUserIsComposed() {
        assertThat(new Actor("app", "jose\u0301", "rid").user()).isEqualTo("jos\u00e9");
    }

    /**
     * The limit counts characters of the composed name: 256 characters beyond the Basic Multilingual Plane are 512
     * UTF-16 units and pass, and 257 characters whose last two compose into one pass too.
     */
    @Test
    void givenANameOfAtMost256ComposedCharacters_whenAnActorIsMade_thenItIsKept() {
        String supplementary = "\ud840\udc00".repeat(256);
        String composesTo256 = "a".repeat(255) + "e\u0301";

        assertThat(new Actor("app", supplementary, "rid").user()).isEqualTo(supplementary);
        assertThat(new Actor("app", composesTo256, "rid").user()).hasSize(256);
        assertThat(UserNames.tooLong(supplementary)).isFalse();
    }

    @Test
    void givenANameOf257Characters_whenAnActorIsMade_thenItIsRefused() {
        assertThatThrownBy(() -> new Actor("app", "\ud840\udc00".repeat(257), "rid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user: a name holds at most 256 characters");
        assertThat(UserNames.tooLong("a".repeat(257))).isTrue();
    }

    /** As in every stored text: the name is stored with each write, and PostgreSQL's client wrote one as {@code ?}. */
    @Test
    void givenANameHoldingALoneSurrogate_whenAnActorIsMade_thenItIsReplaced() {
        assertThat(new Actor("app", "adm\ud800in", "rid").user()).isEqualTo("adm\ufffdin");
        assertThat(UserNames.normalized("jose\u0301\udc00")).isEqualTo("jos\u00e9\ufffd");
    }
}
