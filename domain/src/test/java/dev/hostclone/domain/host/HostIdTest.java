package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostIdTest {

    @Test
    void givenOne_whenMakingAHostId_thenItIsTheFirstId() {
        assertThat(HostId.of(1).value()).isEqualTo(1);
    }

    @Test
    void givenZeroOrLess_whenMakingAHostId_thenItIsRefused() {
        assertThatThrownBy(() -> HostId.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bk_host_id must be positive: 0");
        assertThatThrownBy(() -> HostId.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
