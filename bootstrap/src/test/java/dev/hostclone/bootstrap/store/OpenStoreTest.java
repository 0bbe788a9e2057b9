package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.memory.AuditRetention;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.ConfigurationReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the memory store is opened with, from the configuration. */
class OpenStoreTest {

    @Test
    void givenZeroMemoryAuditRecords_whenTheMemoryAuditRetentionIsMade_thenItKeepsAll() {
        Configuration keepingAll = ConfigurationReader.read(Map.of(), "--memory-audit-records=0");

        assertThat(OpenStore.auditRetention(keepingAll).keepsAll()).isTrue();
    }

    @Test
    void givenAHeap_whenTheMemoryAuditRetentionIsMade_thenItsRecordsWeighAQuarterOfItAtMostUnlessAllAreKept() {
        long heap = 256L << 20;

        AuditRetention newest = OpenStore.auditRetention(ConfigurationReader.read(Map.of()), heap);
        AuditRetention all = OpenStore.auditRetention(ConfigurationReader.read(Map.of(), "--memory-audit-records=0"), heap);

        assertThat(newest.kept()).isEqualTo(AuditRetention.DEFAULT_KEPT);
        assertThat(newest.bytes()).isEqualTo(64L << 20);
        assertThat(all.keepsAll()).isTrue();
        assertThat(all.bytes()).isEqualTo(Long.MAX_VALUE);
    }
}
