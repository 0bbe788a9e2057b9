package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.bootstrap.config.Configuration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code HOSTCLONE_TIME_ZONE} reaches the audit APIs: a server in China's zone shows and reads its times there. */
class AuditTimeZoneEndToEndTest extends EndToEndScenarios {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter OPERATION_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Override
    Configuration configuration() {
        return inMemory().withTimeZone(SHANGHAI);
    }

    @Test
    void givenAServerInShanghaisZone_whenAHostIsAdded_thenItsRecordShowsShanghaiTimeAndIsFoundByIt() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long host = hosts(aBusiness(), host(anIp())).get(0);
        Instant after = Instant.now();

        JsonNode listed = assertSucceeded(admin.esb("list_operation_audit", json(fields("page", fields("limit", 10),
                "condition", fields("resource_id", host, "operation_time", fields(
                        "start", OPERATION_TIME.format(before.atZone(SHANGHAI)),
                        "end", OPERATION_TIME.format(after.atZone(SHANGHAI))))))));

        assertThat(listed.get("count").asLong()).isOne();
        Instant shown = LocalDateTime.parse(listed.get("info").get(0).get("operation_time").asText(), OPERATION_TIME)
                .atZone(SHANGHAI).toInstant();
        assertThat(shown).isBetween(before, after);
        JsonNode found = assertSucceeded(admin.v3("find_audit_by_id", json(Map.of("id",
                List.of(listed.get("info").get(0).get("id").asLong())))));
        assertThat(found.get(0).get("operation_time")).isEqualTo(listed.get("info").get(0).get("operation_time"));
    }
}
