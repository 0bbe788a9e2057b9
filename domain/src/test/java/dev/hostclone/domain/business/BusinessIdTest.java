package dev.hostclone.domain.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BusinessIdTest {

    @Test
    void givenOne_whenMakingABusinessId_thenItIsTheFirstId() {
        assertThat(BusinessId.of(1).value()).isEqualTo(1);
    }

    @Test
    void givenZeroOrLess_whenMakingABusinessId_thenItIsRefused() {
        assertThatThrownBy(() -> BusinessId.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bk_biz_id must be positive: 0");
        assertThatThrownBy(() -> BusinessId.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
