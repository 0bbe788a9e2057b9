package dev.hostclone.domain.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void givenLimitAtTheMaximum_whenChecking_thenTheRequestPasses() {
        PageRequest page = new PageRequest(0, 200, "id", false);

        assertThat(page.requireLimitAtMost(200)).isSameAs(page);
    }

    @Test
    void givenTheFirstRecordAndOneAtATime_whenMakingARequest_thenItIsTheSmallestPage() {
        PageRequest page = new PageRequest(0, 1, "id", true);

        assertThat(page.start()).isZero();
        assertThat(page.limit()).isEqualTo(1);
    }

    @Test
    void givenANegativeStartOrNoLimit_whenMakingARequest_thenItIsRefused() {
        assertThatThrownBy(() -> new PageRequest(-1, 10, "id", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("start must not be negative: -1");
        assertThatThrownBy(() -> new PageRequest(0, 0, "id", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be positive: 0");
    }

    @Test
    void givenLimitOverTheMaximum_whenChecking_thenThePageLimitIsExceeded() {
        assertThatThrownBy(() -> new PageRequest(0, 201, "id", false).requireLimitAtMost(200))
                .isInstanceOfSatisfying(RejectedException.class,
                        e -> assertThat(e.failure()).isEqualTo(new Failure.PageLimitExceeded(200)));
    }

    @Test
    void givenAFieldAmongTheSortable_whenChecking_thenTheRequestPasses() {
        PageRequest page = new PageRequest(0, 10, "name", true);

        assertThat(page.requireSortableBy(Set.of("id", "name"))).isSameAs(page);
    }

    @Test
    void givenAFieldOutsideTheSortable_whenChecking_thenSortIsRefusedAsTheWireWritesIt() {
        assertThatThrownBy(() -> new PageRequest(0, 10, "rack", false).requireSortableBy(Set.of("id")))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure())
                        .isEqualTo(new Failure.InvalidValue("sort", InvalidReason.NOT_ALLOWED, "rack")));
        assertThatThrownBy(() -> new PageRequest(0, 10, "rack", true).requireSortableBy(Set.of("id")))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure())
                        .isEqualTo(new Failure.InvalidValue("sort", InvalidReason.NOT_ALLOWED, "-rack")));
    }
}
