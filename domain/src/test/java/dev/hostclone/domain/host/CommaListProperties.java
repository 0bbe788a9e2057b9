package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The search of a comma list finds exactly what splitting it finds, over lists of few, often padded, parts. */
class CommaListProperties {

    @Property
    void aListContainsAnItemExactlyWhenItsSplitPartsDo(@ForAll("lists") String list, @ForAll("items") String item) {
        assertThat(Host.commaListContains(list, item)).isEqualTo(Host.commaList(list).contains(item));
    }

    @Property
    void everySplitPartIsFound(@ForAll("lists") String list) {
        Host.commaList(list).forEach(part -> assertThat(Host.commaListContains(list, part)).as(part).isTrue());
    }

    @Provide
    Arbitrary<String> lists() {
        return Arbitraries.strings().withChars("1.0, \t\n").ofMaxLength(16);
    }

    @Provide
    Arbitrary<String> items() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("1.0").ofMaxLength(4),
                Arbitraries.strings().withChars("1.0 ,").ofMaxLength(4));
    }
}
