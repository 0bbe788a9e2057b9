package dev.hostclone.domain.clone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.host.HostFields;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The plan's invariants over random documents and random cloneable sets. */
class ClonePlanProperties {

    private static final List<String> FIELDS = List.of(
            "bk_host_id", "bk_cloud_id", "bk_host_innerip", "bk_host_innerip_v6", "create_time", "last_time",
            "bk_asset_id", "operator", "bk_comment", "bk_cpu", "bk_sla", "bk_host_outerip", "rack");

    @Property
    void planNeverTouchesAFieldOutsideTheCloneableSet(@ForAll("documents") Map<String, Object> source,
                                                      @ForAll("documents") Map<String, Object> destination,
                                                      @ForAll("cloneableSets") Set<String> cloneable) {
        ClonePlan plan = ClonePlan.between(source, destination, cloneable);

        assertThat(plan.updatedFields().keySet()).isSubsetOf(cloneable);
        Map<String, Object> after = plan.applyTo(destination);
        for (String field : FIELDS) {
            if (!cloneable.contains(field)) {
                assertThat(after.get(field)).isEqualTo(destination.get(field));
            }
        }
    }

    @Property
    void applyingThePlanTwiceChangesNothingTheSecondTime(@ForAll("documents") Map<String, Object> source,
                                                         @ForAll("documents") Map<String, Object> destination,
                                                         @ForAll("cloneableSets") Set<String> cloneable) {
        Map<String, Object> once = ClonePlan.between(source, destination, cloneable).applyTo(destination);

        assertThat(ClonePlan.between(source, once, cloneable).isEmpty()).isTrue();
    }

    @Property
    void planNeverChangesIdentityFieldsWhenCloneableComesFromThePolicy(
            @ForAll("documents") Map<String, Object> source, @ForAll("documents") Map<String, Object> destination) {
        Set<String> cloneable = dev.hostclone.domain.model.CloneableFields.of(
                dev.hostclone.domain.testing.HostModels.standard(), dev.hostclone.domain.business.BusinessId.of(2));

        Map<String, Object> after = ClonePlan.between(source, destination, cloneable).applyTo(destination);

        for (String identity : List.of(HostFields.HOST_ID, HostFields.CLOUD_ID, HostFields.INNER_IP,
                HostFields.INNER_IP_V6, "bk_asset_id", "bk_agent_id")) {
            assertThat(after.get(identity)).isEqualTo(destination.get(identity));
        }
    }

    @Property
    void everyChangeRecordsTheDestinationsOldValueAndTheSourcesNewOne(
            @ForAll("documents") Map<String, Object> source, @ForAll("documents") Map<String, Object> destination,
            @ForAll("cloneableSets") Set<String> cloneable) {
        for (FieldChange change : ClonePlan.between(source, destination, cloneable).changes()) {
            assertThat(change.before()).isEqualTo(destination.get(change.field()));
            assertThat(change.after()).isEqualTo(source.get(change.field())).isNotEqualTo(change.before());
        }
    }

    @Provide
    Arbitrary<Map<String, Object>> documents() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(4).map(Object.class::cast),
                Arbitraries.longs().between(0, 3).map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just(null));
        return Arbitraries.maps(Arbitraries.of(FIELDS), values).ofMaxSize(FIELDS.size()).map(HashMap::new);
    }

    @Provide
    Arbitrary<Set<String>> cloneableSets() {
        return Arbitraries.of(FIELDS).set().ofMaxSize(FIELDS.size());
    }
}
