package dev.hostclone.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One user, one name: each name in its composed form (NFC), whichever form it came in. */
class UserNamesTest {

    @ParameterizedTest
    @CsvSource({
            "jose\u0301,jos\u00e9",
            "Zo\u0308e,Z\u00f6e",
            "\u1112\u1161\u11ab,\ud55c",
            "\u212b,\u00c5",
            "a\u0323\u0307,\u1ea1\u0307"})
    void givenANameDecomposedOrNotCanonical_whenNormalized_thenItIsComposed(String sent, String composed) {
        assertThat(UserNames.normalized(sent)).isEqualTo(composed);
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
}
