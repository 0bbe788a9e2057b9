package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.HttpSettings;
import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.domain.query.Page;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server in China's time zone, as a BlueKing server there shows the audit's {@code operation_time} and reads
 * list_operation_audit's time range: eight hours ahead of UTC.
 */
class AuditTimeZoneTest extends ServerTest {

    @Override
    @BeforeAll
    protected void startServer() {
        server = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withTimeZone(ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void givenARecordOf18h49Utc_whenFound_thenItsOperationTimeIsThatOfShanghaiTheNextDay() {
        server.findAuditById.succeedWith(List.of(FindAuditByIdApiTest.UPDATE));

        assertThat(client().v3("find_audit_by_id", "{\"id\":[95]}").data().get(0).get("operation_time").asText())
                .isEqualTo("2020-10-22 02:49:48");
    }

    @Test
    void givenADayInShanghai_whenListing_thenTheQueryRunsFromItsStartToItsEndInUtcAndRecordsShowShanghaiTime() {
        server.listOperationAudit.succeedWith(new Page<>(1, List.of(FindAuditByIdApiTest.CREATE)));

        String shown = client().esb("list_operation_audit", "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":"
                + "{\"start\":\"2020-10-22 00:00:00\",\"end\":\"2020-10-22 23:59:59\"}}}")
                .data().get("info").get(0).get("operation_time").asText();

        assertThat(shown).isEqualTo("2020-10-22 09:02:03");
        assertThat(server.listOperationAudit.onlyCall().input().from()).isEqualTo(Instant.parse("2020-10-21T16:00:00Z"));
        assertThat(server.listOperationAudit.onlyCall().input().to())
                .isEqualTo(Instant.parse("2020-10-22T15:59:59.999999999Z"));
    }
}
