package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PickedFieldsTest {

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
}
