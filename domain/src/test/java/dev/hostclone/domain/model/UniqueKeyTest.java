package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UniqueKeyTest {

    @Test
    void givenKeysOfSeveralRulesInAnyOrder_whenOrdered_thenByRuleThenText() {
        UniqueKey outer = UniqueKey.of(5, List.of("bk_host_outerip"), List.of("1.1.1.1"));
        UniqueKey innerB = UniqueKey.of(1, List.of("bk_host_innerip", "bk_cloud_id"), List.of("10.0.0.2", 0L));
        UniqueKey innerA = UniqueKey.of(1, List.of("bk_host_innerip", "bk_cloud_id"), List.of("10.0.0.1", 0L));

        Set<UniqueKey> ordered = UniqueKey.ordered(new HashSet<>(List.of(outer, innerB, innerA)));

        assertThat(ordered).containsExactly(innerA, innerB, outer);
    }

    /** As the ports' records refused one with {@code Set.copyOf}: a null key is a caller's bug, not a store's 500. */
    @Test
    void givenANullKey_whenOrdered_thenRefusedThere() {
        assertThatThrownBy(() -> UniqueKey.ordered(Collections.singleton(null))).isInstanceOf(NullPointerException.class);
    }
}
