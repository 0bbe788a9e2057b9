package dev.hostclone.adapter.persistence.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The memory store's audit log keeps the newest records its retention says, and forgets the others. */
class AuditLogTest {

    private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");

    @Test
    void givenAllKept_whenRecordsAreWritten_thenEveryOneIsFoundByIdAndNoneForgotten() {
        AuditRetention retention = AuditRetention.all();
        AuditLog log = new AuditLog(new SharedValues(), retention);

        List<Long> ids = appendRecords(log, 2_500);

        assertThat(ids).isEqualTo(LongStream.rangeClosed(1, 2_500).boxed().toList());
        assertThat(log.withIds(ids)).extracting(AuditRecord::id).isEqualTo(ids);
        assertThat(retention.keptNow()).isEqualTo(2_500);
        assertThat(retention.forgotten()).isZero();
        assertThat(retention.keepsAll()).isTrue();
        assertThat(AuditRetention.newest(Integer.MAX_VALUE - 1).keepsAll()).isFalse();
    }

    /**
     * Around the ring's first size (1,024), its growth, and its turning: whatever the count written, the
     * newest {@code kept} are found by id, by resource and by search, in order; the older ones by none.
     */
    @ParameterizedTest(name = "kept {0}, written {1}")
    @CsvSource({"1, 0", "1, 1", "1, 5", "3, 2", "3, 3", "3, 4", "3, 10", "1024, 1023", "1024, 1025", "1500, 1500",
            "1500, 1501", "1500, 4507", "5000, 3000"})
    void givenARetention_whenRecordsAreWritten_thenTheNewestAreKeptAndTheOlderForgotten(int kept, int written) {
        AuditRetention retention = AuditRetention.newest(kept);
        AuditLog log = new AuditLog(new SharedValues(), retention);

        List<Long> ids = appendRecords(log, written);

        int forgotten = Math.max(0, written - kept);
        List<Long> newest = ids.subList(forgotten, written);
        assertThat(log.withIds(ids)).extracting(AuditRecord::id).isEqualTo(newest);
        assertThat(log.withIds(ids.subList(0, forgotten))).isEmpty();
        assertThat(log.trail(AuditRecord.HOST, 7)).extracting(AuditRecord::id).isEqualTo(newest);
        assertThat(log.search(allSince(T0)).count()).isEqualTo(newest.size());
        assertThat(retention.keptNow()).isEqualTo(newest.size());
        assertThat(retention.forgotten()).isEqualTo(forgotten);
    }

    @Test
    void givenRecordsForgotten_whenMoreAreWritten_thenTheirIdsContinueAndNoneIsReused() {
        AuditLog log = new AuditLog(new SharedValues(), AuditRetention.newest(2));
        appendRecords(log, 5);

        assertThat(log.append(record(99))).isEqualTo(6);
        assertThat(log.withIds(List.of(4L, 5L, 6L, 7L))).extracting(AuditRecord::id).containsExactly(5L, 6L);
    }

    @Test
    void givenNoRecordToKeep_whenARetentionIsMade_thenItIsRefused() {
        assertThatThrownBy(() -> AuditRetention.newest(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a memory store keeps at least one audit record, not 0");
    }

    private static List<Long> appendRecords(AuditLog log, int count) {
        return LongStream.range(0, count).map(n -> log.append(record(n))).boxed().toList();
    }

    private static AuditRecord record(long n) {
        return new AuditRecord(0, "host", AuditRecord.HOST, AuditAction.UPDATE, BusinessId.of(1), 7, "10.0.0.7",
                "admin", "ops", "request-" + n, AuditRecord.FROM_USER, T0.plusMillis(n), Map.of(), Map.of("n", n),
                Map.of("n", n));
    }

    private static AuditQuery allSince(Instant from) {
        return new AuditQuery(from, null, null, null, null, Set.of(), null,
                new PageRequest(0, AuditQuery.MAX_LIMIT, "id", true));
    }
}
