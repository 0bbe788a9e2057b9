package dev.hostclone.bootstrap.bench;

import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeType;
import dev.hostclone.domain.model.AttributeValues;
import dev.hostclone.domain.model.PatternBudget;
import java.time.Instant;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Checking one value against a custom attribute's pattern, as every host created or updated does for
 * each such field it sets (a batch update of 500 hosts, a few thousand times). Baseline: matching
 * the same value with the pattern compiled beforehand, what the check cannot do with less.
 */
@State(Scope.Benchmark)
public class AttributeCheckBenchmark {

    private static final String REGEX = "^[a-z][a-z0-9-]{2,30}\\.(prod|test)\\.example$";

    private final Attribute patterned = new Attribute(51, "rack", "rack", "rack", "default", AttributeType.SINGLECHAR,
            REGEX, true, false, false, false, false, null, "", "", "", Instant.EPOCH);
    private final Pattern compiled = Pattern.compile(REGEX);
    private final String value = "web-frontend-17.prod.example";

    @Benchmark
    public boolean baselineMatchCompiled() {
        return compiled.matcher(value).matches();
    }

    @Benchmark
    public Object checkPatterned() {
        return AttributeValues.check(patterned, value, PatternBudget.forOneRequest());
    }
}
