package dev.hostclone.adapter.persistence.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.Documents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the memory store counts an audit record to hold: the figures of a 64-bit JVM with compressed pointers. */
class RecordWeightsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");
    private static final Map<String, Object> VERSION = Map.of("bk_host_innerip", "10.0.0.7", "bk_cloud_id", 0L,
            "bk_comment", "old", "bk_os_name", "linux");

    @Test
    void givenValues_whenWeighed_thenTextCountsTwoBytesACharacterAndEachPartItsHeader() {
        assertThat(RecordWeights.of((Object) null)).isZero();
        assertThat(RecordWeights.of(Boolean.TRUE)).isZero();
        assertThat(RecordWeights.of(42L)).isEqualTo(24);
        assertThat(RecordWeights.of("")).isEqualTo(24 + 16);
        assertThat(RecordWeights.of("abc")).isEqualTo(24 + 24);
        assertThat(RecordWeights.of("主机")).isEqualTo(24 + 24);
        assertThat(RecordWeights.of(new StringBuilder("abc"))).as("a value of no type of a document's").isEqualTo(24);
        assertThat(RecordWeights.of("x".repeat(10_000))).isEqualTo(24 + 16 + 20_000);
        assertThat(RecordWeights.of(List.of("abc", 1L))).isEqualTo(16 + 2 * 4 + 48 + 24);
        assertThat(RecordWeights.of(Map.of("k", 1L))).isEqualTo(16 + 4 + 32 + 48 + 24);
    }

    @Test
    void givenAnUpdate_whenWeighed_thenItIsTheRecordTheVersionsArrayTheUpdateFieldsArrayAndTheValuesItBrought() {
        AuditRecord update = record(AuditAction.UPDATE, VERSION, null, Map.of("bk_comment", "x".repeat(100), "bk_cpu", 8L));

        assertThat(RecordWeights.of(update, null))
                .isEqualTo(RecordWeights.RECORD + 2 * (16 + 4 * 4) + (24 + 16 + 200) + 24);
    }

    @Test
    void givenAClone_whenWeighed_thenItsViewCountsAsTheSourcesWholeArrayWhichTheRecordKeepsOnceTheSourceChanges() {
        Map<String, Object> source = Documents.frozen(Map.of("bk_host_innerip", "10.0.0.8", "bk_cloud_id", 0L,
                "bk_comment", "new", "bk_os_name", "linux"));
        Map<String, Object> view = Documents.fieldsOf(source, List.of("bk_comment"));
        AuditRecord clone = record(AuditAction.UPDATE, VERSION, null, view);

        assertThat(view).containsExactly(Map.entry("bk_comment", "new"));
        assertThat(RecordWeights.of(clone, null))
                .as("the destination's version before and the source's document, four fields each")
                .isEqualTo(RecordWeights.RECORD + 2 * (16 + 4 * 4) + (24 + 24));
    }

    @Test
    void givenACreation_whenWeighed_thenItIsTheRecordAndTheArrayOnlyForTheHostHoldsItsValues() {
        AuditRecord creation = record(AuditAction.CREATE, null, VERSION, null);

        assertThat(RecordWeights.of(creation, VERSION)).isEqualTo(RecordWeights.RECORD + 16 + 4 * 4);
    }

    private static AuditRecord record(AuditAction action, Map<String, Object> preData, Map<String, Object> curData,
                                      Map<String, Object> updateFields) {
        return new AuditRecord(0, "host", AuditRecord.HOST, action, BusinessId.of(1), 7, "10.0.0.7", "admin", "ops",
                "request-1", AuditRecord.FROM_USER, T0, preData, curData, updateFields);
    }
}
