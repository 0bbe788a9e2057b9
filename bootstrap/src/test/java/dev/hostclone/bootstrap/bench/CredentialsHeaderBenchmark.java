package dev.hostclone.bootstrap.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.auth.CommonParameters;
import dev.hostclone.adapter.http.auth.Credentials;
import dev.hostclone.adapter.http.testkit.JsonObjects;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Reading the v3 door's credentials header ({@code X-Bkapi-Authorization}), as the HTTP adapter does
 * for every v3 call, on the load run's header. Baseline: Jackson parsing the same header into a tree.
 */
@State(Scope.Benchmark)
public class CredentialsHeaderBenchmark {

    /** The load run's header. */
    private final String header = ServerProcess.AUTHORIZATION;

    @Benchmark
    public ObjectNode baselineParseOnly() {
        return JsonObjects.parseObjectOrNull(header);
    }

    @Benchmark
    public Credentials fromHeader() {
        return CommonParameters.fromHeader(header);
    }
}
