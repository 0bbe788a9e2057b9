package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
