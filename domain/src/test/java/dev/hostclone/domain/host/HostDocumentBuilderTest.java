package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.business.BusinessId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostDocumentBuilderTest {

    @Test
    void givenFieldsPutOneByOne_whenBuilt_thenTheDocumentHoldsThemInOrderAndAHostKeepsItAsItIs() {
        Map<String, Object> expected = new LinkedHashMap<>();
        HostDocumentBuilder builder = Documents.hostDocument();
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
        HostDocumentBuilder builder = Documents.hostDocument()
                .put("bk_host_put_twice", "a").put("operator", "alice").put("bk_host_put_twice", "b");

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a document names a field twice: bk_host_put_twice");
    }
}
