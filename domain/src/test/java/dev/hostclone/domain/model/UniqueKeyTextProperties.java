package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A key's text reads back as its rule id and values, so two keys share a text only when they share
 * both: texts are drawn mostly from the characters the encoding gives a meaning to.
 */
class UniqueKeyTextProperties {

    private static final String ALPHABET = "\u001b\u001f,[] a";

    @Test
    void aKeysTextReadsBackAsItsRuleIdAndValues() {
        qt().forAll(longs().between(0, 1_000), lists().of(values()).ofSizeBetween(1, 3)).checkAssert((ruleId, values) ->
                assertThat(Reading.of(UniqueKeyText.of(ruleId, values))).isEqualTo(new Key(ruleId, values)));
    }

    @Test
    void twoKeysShareATextExactlyWhenTheyShareTheirValues() {
        qt().forAll(lists().of(values()).ofSizeBetween(1, 2), lists().of(values()).ofSizeBetween(1, 2))
                .checkAssert((left, right) -> assertThat(UniqueKeyText.of(1, left).equals(UniqueKeyText.of(1, right)))
                        .isEqualTo(left.equals(right)));
    }

    /** A text of one to four characters, or a list of one to three such texts. */
    private static Gen<Object> values() {
        Gen<Object> text = texts().map(Object.class::cast);
        Gen<Object> list = lists().of(texts()).ofSizeBetween(1, 3).map(Object.class::cast);
        return booleans().all().flatMap(isList -> isList ? list : text);
    }

    private static Gen<String> texts() {
        return lists().of(integers().between(0, ALPHABET.length() - 1)).ofSizeBetween(1, 4).map(indexes -> {
            StringBuilder text = new StringBuilder();
            indexes.forEach(index -> text.append(ALPHABET.charAt(index)));
            return text.toString();
        });
    }

    private record Key(long ruleId, List<Object> values) {
    }

    /** Reads a text by the grammar {@link UniqueKeyText} writes, refusing any character it should have escaped. */
    private static final class Reading {

        private final String text;
        private int at;

        private Reading(String text) {
            this.text = text;
        }

        static Key of(String text) {
            Reading reading = new Reading(text);
            int end = text.indexOf(UniqueKeyText.SEPARATOR);
            reading.at = end < 0 ? text.length() : end;
            long ruleId = Long.parseLong(text.substring(0, reading.at));
            List<Object> values = new ArrayList<>();
            while (reading.at < text.length()) {
                assertThat(text.charAt(reading.at++)).isEqualTo(UniqueKeyText.SEPARATOR);
                values.add(reading.value(false));
            }
            return new Key(ruleId, values);
        }

        private Object value(boolean inList) {
            if (at < text.length() && text.charAt(at) == '[') {
                at++;
                List<Object> list = new ArrayList<>();
                while (true) {
                    list.add(value(true));
                    if (!text.startsWith(", ", at)) {
                        assertThat(text.charAt(at++)).as("a list's end in %s", text).isEqualTo(']');
                        return list;
                    }
                    at += 2;
                }
            }
            StringBuilder plain = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == UniqueKeyText.ESCAPE) {
                    plain.append(text.charAt(at + 1));
                    at += 2;
                } else if (c == UniqueKeyText.SEPARATOR || inList && (c == ',' || c == ']')) {
                    break;
                } else {
                    assertThat("[],").as("unescaped in %s", text).doesNotContain(String.valueOf(c));
                    plain.append(c);
                    at++;
                }
            }
            return plain.toString();
        }
    }
}
