package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.ConfigurationReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A memory server keeping its newest three audit records ({@code HOSTCLONE_MEMORY_AUDIT_RECORDS=3}):
 * the older ones are gone from the audit APIs, and its meters say how many are kept, what they weigh, and
 * how many were forgotten.
 */
class MemoryAuditRetentionTest extends EndToEndScenarios {

    private static final String KEPT = "hostclone_memory_audit_records";
    private static final String FORGOTTEN = "hostclone_memory_audit_forgotten_total";
    private static final String WEIGHT = "hostclone_memory_audit_bytes";
    private static final Map<String, Object> ALL_TIME = fields("start", "2000-01-01 00:00:00", "end", "2100-01-01 00:00:00");

    /** As an operator sets it: the server's flags, read as its command line is. */
    @Override
    Configuration configuration() {
        return ConfigurationReader.read(Map.of(), "--storage=memory", "--memory-audit-records=3",
                "--http-host=127.0.0.1", "--http-port=0", "--rate-limit=0", "--apps=" + APP + ":" + SECRET,
                "--admins=" + ADMIN);
    }

    @Test
    void givenFiveRecordsWritten_whenReadingTheAudit_thenOnlyTheNewestThreeAreFoundAndTheMetersSaySo() {
        Scrape before = Scrape.of(admin);
        long business = aBusiness();
        long host = hosts(business, host(anIp())).get(0);
        for (String comment : List.of("first", "second", "third", "fourth")) {
            update(host, "bk_comment", comment);
        }

        JsonNode page = assertSucceeded(admin.esb("list_operation_audit", json(fields(
                "condition", fields("bk_biz_id", business, "operation_time", ALL_TIME),
                "page", fields("limit", 10, "sort", "id")))));
        List<Long> kept = new ArrayList<>();
        page.get("info").forEach(record -> kept.add(record.get("id").asLong()));
        long created = kept.get(0) - 2;
        Scrape after = Scrape.of(admin);

        assertThat(page.get("count").asLong()).isEqualTo(3);
        assertThat(kept).containsExactly(created + 2, created + 3, created + 4);
        JsonNode newest = assertSucceeded(admin.esb("find_audit_by_id", json(fields("id", List.of(created + 4)))));
        assertThat(newest.get(0).get("operation_detail").get("details").get("update_fields").get("bk_comment").asText())
                .isEqualTo("fourth");
        assertRefusal(admin.esb("find_audit_by_id", json(fields("id", List.of(created)))),
                1199011, "'id' the parameter is invalid or does not exist");
        assertThat(after.value(KEPT)).isEqualTo(3);
        assertThat(after.value(WEIGHT)).as("three updates of a word each").isBetween(3.0 * 256, 3.0 * 2_048);
        assertThat(after.value(FORGOTTEN) - before.value(FORGOTTEN)).isEqualTo(2 + before.value(KEPT));
    }
}
