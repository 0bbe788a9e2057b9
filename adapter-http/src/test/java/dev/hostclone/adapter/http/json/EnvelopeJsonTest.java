package dev.hostclone.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeJsonTest {

    @Test
    void givenASuccessWithoutData_whenEncoded_thenTheSixFieldsInBlueKingsOrderWithNulls() {
        byte[] bytes = EnvelopeJson.encode(true, 0, "success", null, "rid-1", null);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
                "{\"result\":true,\"code\":0,\"message\":\"success\",\"permission\":null,\"request_id\":\"rid-1\",\"data\":null}");
    }

    @Test
    void givenAFailureWithPermissionAndAChineseMessage_whenEncoded_thenBothAreWrittenAsJson() {
        ObjectNode permission = JsonNodeFactory.instance.objectNode().put("system_id", "bk_cmdb");

        byte[] bytes = EnvelopeJson.encode(false, 9900403, "没有权限 \"quoted\"", permission, "rid-2", null);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"result\":false,\"code\":9900403,"
                + "\"message\":\"没有权限 \\\"quoted\\\"\",\"permission\":{\"system_id\":\"bk_cmdb\"},"
                + "\"request_id\":\"rid-2\",\"data\":null}");
    }

    @Test
    void givenData_whenEncoded_thenItIsTheLastField() {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("bk_biz_id", 2);

        byte[] bytes = EnvelopeJson.encode(true, 0, "success", null, "rid-3", data);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).endsWith("\"request_id\":\"rid-3\",\"data\":{\"bk_biz_id\":2}}");
    }
}
