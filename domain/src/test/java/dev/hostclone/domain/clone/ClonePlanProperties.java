package dev.hostclone.domain.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.model.CloneableFields;
import dev.hostclone.domain.testing.Generators;
import dev.hostclone.domain.testing.HostModels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The plan's invariants over random documents and random cloneable sets. */
class ClonePlanProperties {

    private static final List<String> FIELDS = List.of(
            "bk_host_id", "bk_cloud_id", "bk_host_innerip", "bk_host_innerip_v6", "create_time", "last_time",
            "bk_asset_id", "operator", "bk_comment", "bk_cpu", "bk_sla", "bk_host_outerip", "rack");

    @Test
    void planNeverTouchesAFieldOutsideTheCloneableSet() {
        qt().forAll(documents(), documents(), cloneableSets()).checkAssert((source, destination, cloneable) -> {
            ClonePlan plan = ClonePlan.between(source, destination, cloneable);

            assertThat(plan.updatedFields().keySet()).isSubsetOf(cloneable);
            Map<String, Object> after = plan.applyTo(destination);
            for (String field : FIELDS) {
                if (!cloneable.contains(field)) {
                    assertThat(after.get(field)).isEqualTo(destination.get(field));
                }
            }
        });
    }

    @Test
    void applyingThePlanTwiceChangesNothingTheSecondTime() {
        qt().forAll(documents(), documents(), cloneableSets()).checkAssert((source, destination, cloneable) -> {
            Map<String, Object> once = ClonePlan.between(source, destination, cloneable).applyTo(destination);

            assertThat(ClonePlan.between(source, once, cloneable).isEmpty()).isTrue();
        });
    }

    @Test
    void planNeverChangesIdentityFieldsWhenCloneableComesFromThePolicy() {
        Set<String> cloneable = CloneableFields.of(HostModels.standard(), BusinessId.of(2));

        qt().forAll(documents(), documents()).checkAssert((source, destination) -> {
            Map<String, Object> after = ClonePlan.between(source, destination, cloneable).applyTo(destination);

            for (String identity : List.of(HostFields.HOST_ID, HostFields.CLOUD_ID, HostFields.INNER_IP,
                    HostFields.INNER_IP_V6, "bk_asset_id", "bk_agent_id")) {
                assertThat(after.get(identity)).isEqualTo(destination.get(identity));
            }
        });
    }

    @Test
    void everyChangeRecordsTheDestinationsOldValueAndTheSourcesNewOne() {
        qt().forAll(documents(), documents(), cloneableSets()).checkAssert((source, destination, cloneable) -> {
            for (FieldChange change : ClonePlan.between(source, destination, cloneable).changes()) {
                assertThat(change.before()).isEqualTo(destination.get(change.field()));
                assertThat(change.after()).isEqualTo(source.get(change.field())).isNotEqualTo(change.before());
            }
        });
    }

    /** Documents over the few fields above, their values short texts, small numbers, booleans or null. */
    private static Gen<Map<String, Object>> documents() {
        Gen<Object> values = Generators.oneOf(
                strings().betweenCodePoints('a', 'z').ofLengthBetween(0, 4),
                longs().between(0, 3),
                booleans().all(),
                Generate.constant((Object) null));
        return Generators.documents(arbitrary().pick(FIELDS), values, FIELDS.size()).map(document -> new HashMap<>(document));
    }

    private static Gen<Set<String>> cloneableSets() {
        return lists().of(arbitrary().pick(FIELDS)).ofSizeBetween(0, FIELDS.size()).map(Set::copyOf);
    }
}
