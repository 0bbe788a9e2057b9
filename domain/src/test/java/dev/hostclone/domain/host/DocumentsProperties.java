package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import dev.hostclone.domain.testing.Generators;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Frozen and merged documents behave as a {@link LinkedHashMap} holding the same puts would, over
 * random documents drawn from few field names (so that changes hit existing fields) and values that
 * are often null, up to a hundred fields (past any small-table shortcut).
 */
class DocumentsProperties {

    @Test
    void aFrozenDocumentIsItsSource() {
        qt().forAll(documents(), names()).checkAssert((source, probe) -> {
            Map<String, Object> frozen = Documents.frozen(source);

            assertSameMap(frozen, source);
            assertThat(frozen.get(probe)).isEqualTo(source.get(probe));
            assertThat(frozen.containsKey(probe)).isEqualTo(source.containsKey(probe));
        });
    }

    @Test
    void aMergedDocumentIsTheBaseWithTheChangesPutOverIt() {
        qt().forAll(documents(), documents(), documents(), names()).checkAssert((base, changes, moreChanges, probe) -> {
            Map<String, Object> expected = new LinkedHashMap<>(base);
            expected.putAll(changes);
            Map<String, Object> expectedAfterMore = new LinkedHashMap<>(expected);
            expectedAfterMore.putAll(moreChanges);

            Map<String, Object> merged = Documents.merged(Documents.frozen(base), changes);
            Map<String, Object> mergedAgain = Documents.merged(merged, moreChanges);

            assertSameMap(merged, expected);
            assertSameMap(mergedAgain, expectedAfterMore);
            assertThat(mergedAgain.get(probe)).isEqualTo(expectedAfterMore.get(probe));
            assertThat(mergedAgain.containsKey(probe)).isEqualTo(expectedAfterMore.containsKey(probe));
            assertSameMap(Documents.frozen(base), base);
            // a base not frozen here is copied once, the changes put over it as it goes
            assertSameMap(Documents.merged(base, changes), expected);
        });
    }

    @Test
    void theFieldsPickedFromADocumentAreThoseFieldsInTheOrderNamed() {
        qt().forAll(documents(), documents(), longs().all(), names()).checkAssert((document, changes, seed, probe) -> {
            List<String> names = new ArrayList<>(document.keySet());
            Collections.shuffle(names, new Random(seed));
            names = names.subList(0, names.size() / 2);
            Map<String, Object> expected = new LinkedHashMap<>();
            names.forEach(name -> expected.put(name, document.get(name)));
            Map<String, Object> expectedMerged = new LinkedHashMap<>(expected);
            expectedMerged.putAll(changes);

            for (Map<String, Object> from : List.of(Documents.frozen(document), document)) {
                Map<String, Object> picked = Documents.fieldsOf(from, names);

                assertSameMap(picked, expected);
                assertThat(picked.get(probe)).isEqualTo(expected.get(probe));
                assertThat(picked.containsKey(probe)).isEqualTo(expected.containsKey(probe));
                assertThat(Documents.frozen(picked)).isSameAs(picked);
                assertSameMap(Documents.merged(picked, changes), expectedMerged);
            }
        });
    }

    @Test
    void walkingTwoDocumentsGivesEachFieldOfTheFirstInTheSetWithBothValues() {
        Gen<List<Set<String>>> twoFieldSets = lists().of(lists().of(names()).ofSizeBetween(0, 20).map(Set::copyOf)).ofSize(2);
        qt().forAll(documents(), documents(), documents(), twoFieldSets).checkAssert((first, changes, unrelated, fieldSets) -> {
            Map<String, Object> frozen = Documents.frozen(first);
            // the same fields in the same order (changes to existing fields only), other fields, and a plain map
            Map<String, Object> sameFields = Documents.merged(frozen, onlyFieldsOf(first, changes));
            // one set, another, then the first again: what a walk keeps of one set never answers for another
            Set<String> one = fieldSets.get(0);
            Set<String> another = fieldSets.get(1);
            for (Map<String, Object> other : List.of(sameFields, Documents.frozen(unrelated), new LinkedHashMap<>(unrelated))) {
                for (Set<String> set : List.of(one, another, one)) {
                    List<List<Object>> walked = new ArrayList<>();
                    Documents.forEachFieldIn(set, frozen, other,
                            (name, value, otherValue) -> walked.add(Arrays.asList(name, value, otherValue)));

                    List<List<Object>> expected = new ArrayList<>();
                    first.forEach((name, value) -> {
                        if (set.contains(name)) {
                            expected.add(Arrays.asList(name, value, other.get(name)));
                        }
                    });
                    assertThat(walked).isEqualTo(expected);
                }
            }
        });
    }

    /** Up to 130 fields put one after the other (about a hundred distinct), values short texts, numbers or null. */
    private static Gen<Map<String, Object>> documents() {
        Gen<Object> values = Generators.oneOf(strings().allPossible().ofLengthBetween(0, 3), integers().all(),
                Generate.constant((Object) null));
        return Generators.documents(names(), values, 130);
    }

    private static Gen<String> names() {
        return integers().between(0, 150).map(i -> "field_" + i);
    }

    private static Map<String, Object> onlyFieldsOf(Map<String, Object> document, Map<String, Object> changes) {
        Map<String, Object> kept = new LinkedHashMap<>(changes);
        kept.keySet().retainAll(document.keySet());
        return kept;
    }

    private static void assertSameMap(Map<String, Object> actual, Map<String, Object> expected) {
        assertThat(actual).isEqualTo(expected).hasSameHashCodeAs(expected).hasSize(expected.size());
        assertThat(new ArrayList<>(actual.keySet())).containsExactlyElementsOf(expected.keySet());
        List<Object> values = new ArrayList<>();
        actual.forEach((name, value) -> values.add(value));
        assertThat(values).containsExactlyElementsOf(expected.values());
        expected.forEach((name, value) -> {
            assertThat(actual.containsKey(name)).as(name).isTrue();
            assertThat(actual.get(name)).as(name).isEqualTo(value);
        });
    }
}
