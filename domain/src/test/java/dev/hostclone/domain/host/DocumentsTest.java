package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.business.BusinessId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentsTest {

    @Test
    void givenAMapFrozenHere_whenFrozenAgain_thenTheSameMapIsPassedOn() {
        Map<String, Object> frozen = Documents.frozen(Map.of("bk_os_name", "linux"));

        assertThat(Documents.frozen(frozen)).isSameAs(frozen);
    }

    @Test
    void givenFieldsPutOneByOne_whenBuilt_thenTheDocumentHoldsThemInOrderAndAHostKeepsItAsItIs() {
        Map<String, Object> expected = new LinkedHashMap<>();
        Documents.HostDocumentBuilder builder = Documents.hostDocument();
        // past the builder's first room for fields
        for (int i = 0; i < 100; i++) {
            builder.put("field_" + i, i % 3 == 0 ? null : (Object) ("value " + i));
            expected.put("field_" + i, i % 3 == 0 ? null : "value " + i);
        }

        Map<String, Object> built = builder.build();
        Host host = new Host(HostId.of(1), BusinessId.of(1), 1, built);

        assertThat(built).isEqualTo(expected);
        assertThat(built.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(built).containsEntry("field_0", null).containsKey("field_99");
        assertThat(host.document()).isSameAs(built);
        assertThatThrownBy(() -> built.put("field_0", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenAFieldPutTwice_whenBuilt_thenRefused() {
        Documents.HostDocumentBuilder builder = Documents.hostDocument()
                .put("bk_host_put_twice", "a").put("operator", "alice").put("bk_host_put_twice", "b");

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a document names a field twice: bk_host_put_twice");
    }

    @Test
    void givenAMutableMap_whenFrozen_thenLaterChangesToItDoNotShow() {
        Map<String, Object> mutable = new LinkedHashMap<>();
        mutable.put("operator", "alice");
        Map<String, Object> frozen = Documents.frozen(mutable);

        mutable.put("operator", "bob");

        assertThat(frozen).containsExactly(Map.entry("operator", "alice"));
    }

    @Test
    void givenAFrozenMap_whenChanged_thenItRefuses() {
        Map<String, Object> frozen = Documents.frozen(Map.of("operator", "alice"));

        assertThatThrownBy(() -> frozen.put("operator", "bob")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.entrySet().iterator().next().setValue("bob"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenDocumentsOfManyFields_whenFieldsArePickedAtTheEdgesOfAByte_thenEachIsItsOwnFieldInTheOrderNamed() {
        for (int size : List.of(255, 256, 257, 300)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                fields.put("field_" + i, "value " + i);
            }
            Map<String, Object> document = Documents.frozen(fields);
            List<String> names = List.of("field_" + (size - 1), "field_0", "field_127", "field_128", "field_" + (size - 2));

            Map<String, Object> picked = Documents.fieldsOf(document, names);

            assertThat(List.copyOf(picked.keySet())).as("%d fields", size).isEqualTo(names);
            names.forEach(name -> assertThat(picked.get(name)).as(name).isEqualTo(fields.get(name)));
            assertThat(picked.values()).containsExactly(names.stream().map(fields::get).toArray());
            assertThat(picked.containsKey("field_1")).isFalse();
        }
    }

    @Test
    void givenFieldsPickedFromADocument_whenChanged_thenTheyRefuse() {
        Map<String, Object> picked = Documents.fieldsOf(Documents.frozen(Map.of("operator", "alice", "bk_cpu", 8L)),
                List.of("operator"));

        assertThatThrownBy(() -> picked.put("operator", "bob")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> picked.remove("operator")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> picked.entrySet().iterator().next().setValue("bob"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenANameTheDocumentLacks_whenPicked_thenItIsRefused() {
        Map<String, Object> document = Map.of("operator", "alice");

        for (Map<String, Object> from : List.of(Documents.frozen(document), document)) {
            assertThatThrownBy(() -> Documents.fieldsOf(from, List.of("operator", "bk_cpu")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a field of the document: bk_cpu");
        }
    }

    @Test
    void givenADocumentAndChanges_whenMerged_thenChangedFieldsKeepTheirPlaceAndNewOnesComeLast() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("bk_host_innerip", "10.0.0.1");
        document.put("operator", "alice");
        document.put("bk_comment", null);
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("rack", "r1");
        changes.put("operator", "bob");

        Map<String, Object> merged = Documents.merged(Documents.frozen(document), changes);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("bk_host_innerip", "10.0.0.1");
        expected.put("operator", "bob");
        expected.put("bk_comment", null);
        expected.put("rack", "r1");
        assertThat(merged.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(merged).isEqualTo(expected).hasSameHashCodeAs(expected);
    }

    @Test
    void givenAFrozenMap_whenAskedForNullOrANonTextKey_thenItHasNone() {
        Map<String, Object> frozen = Documents.frozen(Map.of("operator", "alice"));

        assertThat(frozen.containsKey(null)).isFalse();
        assertThat(frozen.get(null)).isNull();
        assertThat(frozen.get(42)).isNull();
    }

    @Test
    void givenAFrozenMap_whenRemovingOrClearing_thenItRefuses() {
        Map<String, Object> frozen = Documents.frozen(Map.of("operator", "alice"));

        assertThatThrownBy(() -> frozen.remove("operator")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(frozen::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.keySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(frozen).containsExactly(Map.entry("operator", "alice"));
    }

    @Test
    void givenAMapWithANullKey_whenFrozen_thenItIsRefused() {
        Map<String, Object> withNullKey = new LinkedHashMap<>();
        withNullKey.put(null, "x");

        assertThatThrownBy(() -> Documents.frozen(withNullKey)).isInstanceOf(NullPointerException.class)
                .hasMessage("a field name");
    }

    @Test
    void givenAFrozenMap_whenIteratedPastItsEnd_thenItSaysSo() {
        var entries = Documents.frozen(Map.of("operator", "alice")).entrySet().iterator();
        entries.next();

        assertThatThrownBy(entries::next).isInstanceOf(java.util.NoSuchElementException.class);
    }
    @Test
    void givenEveryValueMappedToItself_whenMappingValues_thenTheSameDocumentIsPassedOn() {
        Map<String, Object> document = Documents.frozen(orderedOf("operator", "alice", "bk_cpu", 8L));

        assertThat(Documents.withValues(document, value -> value)).isSameAs(document);
    }

    @Test
    void givenOneValueMappedToAnotherInstance_whenMappingValues_thenOnlyThatOneIsReplacedInPlace() {
        String alice = new String("alice");
        String sharedAlice = "alice";
        Map<String, Object> document = Documents.frozen(orderedOf("bk_cpu", 8L, "operator", alice, "bk_comment", "x"));

        Map<String, Object> mapped = Documents.withValues(document, value -> value.equals("alice") ? sharedAlice : value);

        assertThat(mapped).isNotSameAs(document).isEqualTo(document);
        assertThat(mapped.keySet()).containsExactly("bk_cpu", "operator", "bk_comment");
        assertThat(mapped.get("operator")).isSameAs(sharedAlice).isNotSameAs(alice);
        assertThat(document.get("operator")).isSameAs(alice);
        assertThat(mapped.get("bk_comment")).isSameAs(document.get("bk_comment"));
    }

    @Test
    void givenFieldsPickedFromADocument_whenMappingValues_thenAFrozenCopyHoldsTheMappedValues() {
        Map<String, Object> picked = Documents.fieldsOf(
                Documents.frozen(orderedOf("operator", "alice", "bk_cpu", 8L)), List.of("bk_cpu", "operator"));

        Map<String, Object> mapped = Documents.withValues(picked, value -> value instanceof Long number ? number * 2 : value);

        assertThat(mapped).containsExactly(Map.entry("bk_cpu", 16L), Map.entry("operator", "alice"));
        assertThatThrownBy(() -> mapped.put("operator", "bob")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Map<String, Object> orderedOf(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
