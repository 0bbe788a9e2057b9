package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.hostclone.domain.testing.Generators;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The search of a comma list finds exactly what splitting it finds, over lists of few, often padded, parts. */
class CommaListProperties {

    @Test
    void aListContainsAnItemExactlyWhenItsSplitPartsDo() {
        qt().forAll(lists(), items()).checkAssert((list, item) ->
                assertThat(Host.commaListContains(list, item)).isEqualTo(Host.commaList(list).contains(item)));
    }

    @Test
    void everySplitPartIsFound() {
        qt().forAll(lists()).checkAssert(list ->
                Host.commaList(list).forEach(part -> assertThat(Host.commaListContains(list, part)).as(part).isTrue()));
    }

    private static Gen<String> lists() {
        return Generators.textsOf("1.0, \t\n", 0, 16);
    }

    private static Gen<String> items() {
        return Generators.oneOf(Generators.textsOf("1.0", 0, 4), Generators.textsOf("1.0 ,", 0, 4));
    }
}
