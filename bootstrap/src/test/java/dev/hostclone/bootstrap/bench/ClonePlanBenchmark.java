package dev.hostclone.bootstrap.bench;

import dev.hostclone.adapter.persistence.BuiltInHostModel;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.clone.ClonePlan;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.CloneableFields;
import dev.hostclone.domain.model.HostModel;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The clone plan for hosts carrying 40 attributes of the built-in model, half of them different:
 * the cloneable fields of the business, the per-field difference and the fields to write (a view of
 * the source document, which the audit record keeps), as one clone computes them.
 * Baseline: copying the same 40-entry document into a new map.
 */
@State(Scope.Benchmark)
public class ClonePlanBenchmark {

    private static final int ATTRIBUTES = 40;

    private HostModel model;
    private BusinessId business;
    private Host source;
    private Host destination;

    @Setup
    public void setUp() {
        model = BuiltInHostModel.load(Instant.EPOCH);
        business = BusinessId.of(2);
        List<Attribute> attributes = model.global().subList(0, ATTRIBUTES);
        Map<String, Object> sourceDocument = new LinkedHashMap<>();
        Map<String, Object> destinationDocument = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            String field = attributes.get(i).propertyId();
            sourceDocument.put(field, "source-" + i);
            destinationDocument.put(field, i % 2 == 0 ? "source-" + i : "destination-" + i);
        }
        source = new Host(HostId.of(1), business, 1, sourceDocument);
        destination = new Host(HostId.of(2), business, 1, destinationDocument);
        model.cloneableFields(business);
    }

    @Benchmark
    public Map<String, Object> baselineCopyDocument() {
        return new HashMap<>(source.document());
    }

    /** As a clone runs: the model is cached, so its cloneable fields are worked out once per business. */
    @Benchmark
    public ClonePlan plan() {
        return ClonePlan.between(source, destination, model.cloneableFields(business));
    }

    /** The same with the cloneable fields worked out again, as the first clone after a model change does. */
    @Benchmark
    public ClonePlan planAfterModelChange() {
        return ClonePlan.between(source, destination, CloneableFields.of(model, business));
    }
}
