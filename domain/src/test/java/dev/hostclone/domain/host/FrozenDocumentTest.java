package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrozenDocumentTest {

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
}
