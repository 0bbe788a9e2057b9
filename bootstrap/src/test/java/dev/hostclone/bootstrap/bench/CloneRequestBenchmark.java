package dev.hostclone.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.api.ApiRequest;
import dev.hostclone.adapter.http.api.CloneHostPropertyApi;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.RequestLimits;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.adapter.http.json.JsonBodyParser;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding and validating a clone request as the HTTP adapter does for every call: parse the body,
 * read the typed fields, and run the domain's checks into a command, once by IP (an IPv4 and an IPv6
 * address to check) and once by id. Baseline: Jackson parsing the same bytes into a tree.
 */
@State(Scope.Benchmark)
public class CloneRequestBenchmark {

    private final byte[] byIp = ("{\"bk_biz_id\":2,\"bk_cloud_id\":0,\"bk_org_ip\":\"10.0.3.17\","
            + "\"bk_dst_ip\":\"fd00::4:21\"}").getBytes(StandardCharsets.UTF_8);
    private final byte[] byId = "{\"bk_biz_id\":2,\"bk_org_id\":1017,\"bk_dst_id\":1021}".getBytes(StandardCharsets.UTF_8);
    private final JsonBodyParser parser = new JsonBodyParser(RequestLimits.DEFAULT_JSON_NESTING_DEPTH,
            RequestLimits.DEFAULT_STRING_LENGTH);
    private final CloneHostPropertyApi api = new CloneHostPropertyApi(null, new HttpMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));

    @Benchmark
    public JsonNode baselineParseOnly() throws IOException {
        return Json.MAPPER.readTree(byIp);
    }

    @Benchmark
    public CloneHostPropertyCommand decodeByIp() {
        return decode(byIp);
    }

    @Benchmark
    public CloneHostPropertyCommand decodeById() {
        return decode(byId);
    }

    private CloneHostPropertyCommand decode(byte[] body) {
        return api.decode(new ApiRequest(Door.ESB, JsonFields.of(parser.parseObject(body)), Map.of(), Language.EN));
    }
}
