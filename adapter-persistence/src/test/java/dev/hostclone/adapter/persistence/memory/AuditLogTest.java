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

    /** Each heavy record weighs as ten thousand characters do; the log may hold ten of them. */
    @Test
    void givenAWeightBound_whenHeavyRecordsAreWritten_thenOnlyTheNewestThatFitAreKept() {
        long weight = RecordWeights.of(heavy(0), null);
        AuditRetention retention = AuditRetention.newest(1_000, 10 * weight);
        AuditLog log = new AuditLog(new SharedValues(), retention);

        List<Long> ids = LongStream.range(0, 25).map(n -> log.append(heavy(n))).boxed().toList();

        assertThat(log.withIds(ids)).extracting(AuditRecord::id).isEqualTo(ids.subList(15, 25));
        assertThat(retention.keptNow()).isEqualTo(10);
        assertThat(retention.keptBytes()).isEqualTo(10 * weight);
        assertThat(retention.forgotten()).isEqualTo(15);
    }

    @Test
    void givenLightRecordsKept_whenAHeavyOneComes_thenItTakesThePlacesOfAsManyOfTheOldestAsItWeighs() {
        long light = RecordWeights.of(record(0), null);
        long heavy = RecordWeights.of(heavy(0), null);
        AuditRetention retention = AuditRetention.newest(1_000, heavy + 5 * light);
        AuditLog log = new AuditLog(new SharedValues(), retention);
        List<Long> lights = appendRecords(log, 100);

        long heavyId = log.append(heavy(100));

        assertThat(log.withIds(lights)).extracting(AuditRecord::id).isEqualTo(lights.subList(95, 100));
        assertThat(log.withIds(List.of(heavyId))).extracting(AuditRecord::id).containsExactly(101L);
        assertThat(retention.keptNow()).isEqualTo(6);
        assertThat(retention.keptBytes()).isEqualTo(heavy + 5 * light);
        assertThat(retention.forgotten()).isEqualTo(95);
    }

    @Test
    void givenARecordHeavierThanTheWholeBound_whenWritten_thenItIsKeptAloneAndTheNextTakesItsPlace() {
        AuditRetention retention = AuditRetention.newest(1_000, 1);
        AuditLog log = new AuditLog(new SharedValues(), retention);
        appendRecords(log, 3);

        long heavyId = log.append(heavy(3));

        assertThat(log.withIds(List.of(1L, 2L, 3L, heavyId))).extracting(AuditRecord::id).containsExactly(4L);
        assertThat(retention.keptBytes()).isEqualTo(RecordWeights.of(heavy(3), null));
        assertThat(log.append(record(4))).isEqualTo(5);
        assertThat(log.withIds(List.of(4L, 5L))).extracting(AuditRecord::id).containsExactly(5L);
        assertThat(retention.keptNow()).isEqualTo(1);
        assertThat(retention.forgotten()).isEqualTo(4);
    }

    /** Record n is written n ms after T0: the retention's batches forget the oldest, up to their limit, before the cutoff. */
    @Test
    void givenRecordsOnBothSidesOfACutoff_whenForgottenInBatches_thenTheOlderGoOldestFirstAndTheRestAreFoundAsBefore() {
        AuditRetention retention = AuditRetention.newest(1_500);
        AuditLog log = new AuditLog(new SharedValues(), retention);
        appendRecords(log, 2_000);
        Instant cutoff = T0.plusMillis(1_200);

        int first = log.forgetWrittenBefore(cutoff, 400);
        int second = log.forgetWrittenBefore(cutoff, 400);
        int third = log.forgetWrittenBefore(cutoff, 400);

        // 500 went for the count; of the rest, those written before 1,200 ms, the one at the cutoff kept
        assertThat(List.of(first, second, third)).containsExactly(400, 300, 0);
        assertThat(log.withIds(List.of(1_200L, 1_201L))).extracting(AuditRecord::id).containsExactly(1_201L);
        assertThat(log.search(allSince(T0)).count()).isEqualTo(800);
        assertThat(log.trail(AuditRecord.HOST, 7)).first().extracting(AuditRecord::id).isEqualTo(1_201L);
        assertThat(retention.keptNow()).isEqualTo(800);
        assertThat(retention.forgotten()).isEqualTo(1_200);
        assertThat(log.append(record(2_000))).as("ids go on, never reused").isEqualTo(2_001);
    }

    @Test
    void givenNoRecordToKeep_whenARetentionIsMade_thenItIsRefused() {
        assertThatThrownBy(() -> AuditRetention.newest(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a memory store keeps at least one audit record, not 0");
        assertThatThrownBy(() -> AuditRetention.newest(10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a memory store's audit records weigh at least one byte, not 0");
    }

    private static List<Long> appendRecords(AuditLog log, int count) {
        return LongStream.range(0, count).map(n -> log.append(record(n))).boxed().toList();
    }

    private static AuditRecord record(long n) {
        return new AuditRecord(0, "host", AuditRecord.HOST, AuditAction.UPDATE, BusinessId.of(1), 7, "10.0.0.7",
                "admin", "ops", "request-" + n, AuditRecord.FROM_USER, T0.plusMillis(n), Map.of(), Map.of("n", n),
                Map.of("n", n));
    }

    /** An update of the host's comment to ten thousand characters. */
    private static AuditRecord heavy(long n) {
        return new AuditRecord(0, "host", AuditRecord.HOST, AuditAction.UPDATE, BusinessId.of(1), 7, "10.0.0.7",
                "admin", "ops", "request-" + n, AuditRecord.FROM_USER, T0.plusMillis(n), Map.of(), null,
                Map.of("bk_comment", String.valueOf(n % 10).repeat(10_000)));
    }

    private static AuditQuery allSince(Instant from) {
        return new AuditQuery(from, null, null, null, null, Set.of(), null,
                new PageRequest(0, AuditQuery.MAX_LIMIT, "id", true));
    }
}
