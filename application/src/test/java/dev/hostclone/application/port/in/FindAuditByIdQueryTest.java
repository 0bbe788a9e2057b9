package dev.hostclone.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** find_audit_by_id's request refuses no ids or too many before any use case sees it, and names each id once. */
class FindAuditByIdQueryTest {

    @Test
    void givenOneTo200Ids_whenMade_thenEachIsKeptOnceWhereFirstNamed() {
        List<Long> most = LongStream.rangeClosed(1, FindAuditByIdQuery.MAX_IDS).boxed().toList();

        assertThat(new FindAuditByIdQuery(most).ids()).isEqualTo(most);
        assertThat(FindAuditByIdQuery.of(3L, 99L, 1L, 3L, 99L).ids()).containsExactly(3L, 99L, 1L);
    }

    @Test
    void givenNoIdOrMoreThan200_whenMade_thenIdIsUnassignedOrThePageLimitExceeded() {
        List<Long> tooMany = LongStream.rangeClosed(1, FindAuditByIdQuery.MAX_IDS + 1).boxed().toList();

        assertThat(refusalOf(List.of())).isEqualTo(new Failure.MissingField("id"));
        assertThat(refusalOf(tooMany)).isEqualTo(new Failure.PageLimitExceeded(200));
    }

    @Test
    void givenTheSameIdMoreThan200Times_whenMade_thenThePageLimitIsExceeded() {
        // counted as sent, as BlueKing counts them, before the repeats are dropped
        assertThat(refusalOf(Collections.nCopies(FindAuditByIdQuery.MAX_IDS + 1, 7L)))
                .isEqualTo(new Failure.PageLimitExceeded(200));
    }

    @Test
    void givenANullListOrId_whenMade_thenTheNullIsNamed() {
        assertThatNullPointerException().isThrownBy(() -> new FindAuditByIdQuery(null)).withMessage("ids");
        assertThatNullPointerException().isThrownBy(() -> new FindAuditByIdQuery(Arrays.asList(1L, null)))
                .withMessage("ids[1] is null");
        assertThatNullPointerException().isThrownBy(() -> FindAuditByIdQuery.of(1L, null)).withMessage("ids[1] is null");
    }

    private static Failure refusalOf(List<Long> ids) {
        RejectedException refused = catchThrowableOfType(() -> new FindAuditByIdQuery(ids), RejectedException.class);
        assertThat(refused).as("refused").isNotNull();
        return refused.failure();
    }
}
