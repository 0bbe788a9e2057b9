package dev.hostclone.domain.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextFoldingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Pay-Gateway|pay-gateway", "ÄPFEL|äpfel", "ΟΔΟΣ|οδοσ", "ς|ς", "İSTANBUL|istanbul", "ǅ|ǆ"})
    void givenAText_whenFolded_thenEachCodePointIsItsSimpleLowerCaseOneForOne(String text, String folded) {
        assertThat(TextFolding.fold(text)).isEqualTo(folded);
    }

    @Test
    void givenAFinalSigmaOrADottedCapitalI_whenSearched_thenFoundAsPostgresLowerFindsIt() {
        assertThat(TextFolding.contains("ΟΔΟΣ", "σ")).isTrue();
        assertThat(TextFolding.contains("ΟΔΟΣ", "ς")).as("the final Σ is σ, whatever its place").isFalse();
        assertThat(TextFolding.contains("İstanbul", "is")).isTrue();
        assertThat(TextFolding.contains("istanbul", "İs")).isTrue();
    }
}
