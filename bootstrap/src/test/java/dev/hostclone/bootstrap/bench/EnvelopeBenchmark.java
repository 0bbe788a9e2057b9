package dev.hostclone.bootstrap.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.json.EnvelopeJson;
import dev.hostclone.adapter.http.json.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding the envelope every answer goes out in: a clone's answer (no data) and a
 * get_host_base_info answer (40 properties). Baseline: Jackson writing the same get_host_base_info
 * envelope from a tree built beforehand, that is serialization alone.
 */
@State(Scope.Benchmark)
public class EnvelopeBenchmark {

    private static final String RID = "5d7c22549dba4cb79e00bbeeed27f476";

    private ArrayNode hostProperties;
    private ObjectNode prebuiltEnvelope;

    @Setup
    public void setUp() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        hostProperties = nodes.arrayNode();
        for (int i = 0; i < 40; i++) {
            hostProperties.addObject().put("bk_property_id", "field_" + i).put("bk_property_name", "字段 " + i)
                    .put("bk_property_value", "value-" + i);
        }
        prebuiltEnvelope = nodes.objectNode().put("result", true).put("code", 0).put("message", "success")
                .putNull("permission").put("request_id", RID);
        prebuiltEnvelope.set("data", hostProperties);
    }

    @Benchmark
    public byte[] baselineSerializePrebuiltTree() throws JsonProcessingException {
        return Json.MAPPER.writeValueAsBytes(prebuiltEnvelope);
    }

    @Benchmark
    public byte[] encodeCloneAnswer() {
        return EnvelopeJson.encode(true, 0, "success", null, RID, null);
    }

    @Benchmark
    public byte[] encodeHostBaseInfoAnswer() {
        return EnvelopeJson.encode(true, 0, "success", null, RID, hostProperties);
    }
}
