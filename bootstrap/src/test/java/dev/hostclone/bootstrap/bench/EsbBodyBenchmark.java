package dev.hostclone.bootstrap.bench;

import dev.hostclone.adapter.http.RequestLimits;
import dev.hostclone.adapter.http.auth.CommonParameters;
import dev.hostclone.adapter.http.json.JsonBodyParser;
import dev.hostclone.adapter.http.json.JsonBodyParser.ParsedBody;
import dev.hostclone.adapter.http.json.JsonBodyParser.WellFormedBody;
import dev.hostclone.adapter.http.json.TreeWeight;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the ESB door pays to read its credentials out of a clone's body without building it, then build it once the
 * caller is proven ({@code checkedThenBuilt}), and what a refused caller costs ({@code checkedOnly}), against the
 * baseline of building it at once, as the door did until 2026-12-07 ({@code baselineParsedWhole}); and what weighing
 * its tree costs before any door builds it ({@code weighedOnly}, {@link TreeWeight}), which the baseline includes
 * since.
 */
@State(Scope.Benchmark)
public class EsbBodyBenchmark {

    private final byte[] clone = ("{\"bk_app_code\":\"cmdb-caller\",\"bk_app_secret\":\"s3cret-Value!\","
            + "\"bk_username\":\"admin\",\"bk_biz_id\":2,\"bk_cloud_id\":0,\"bk_org_ip\":\"10.0.3.17\","
            + "\"bk_dst_ip\":\"fd00::4:21\"}").getBytes(StandardCharsets.UTF_8);
    private final JsonBodyParser parser = new JsonBodyParser(RequestLimits.DEFAULT_JSON_NESTING_DEPTH,
            RequestLimits.DEFAULT_STRING_LENGTH);

    @Benchmark
    public ParsedBody baselineParsedWhole() {
        return parser.parse(clone);
    }

    @Benchmark
    public ParsedBody checkedThenBuilt() {
        return parser.build(parser.check(clone, CommonParameters.NAMES).scanned());
    }

    @Benchmark
    public long weighedOnly() {
        return TreeWeight.of(clone);
    }

    @Benchmark
    public WellFormedBody checkedOnly() {
        return parser.check(clone, CommonParameters.NAMES);
    }
}
