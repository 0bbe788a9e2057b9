package dev.hostclone.domain.clone;

import static dev.hostclone.domain.testing.HostBuilder.aHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.hostclone.domain.host.Host;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClonePlanTest {

    private static final Set<String> CLONEABLE = Set.of("operator", "bk_comment", "bk_cpu");

    @Test
    void givenDifferentValues_whenPlanning_thenEachChangeHasItsBeforeAndAfter() {
        Host source = aHost().with("operator", "alice").with("bk_cpu", 8L).build();
        Host destination = aHost().with("operator", "bob").build();

        ClonePlan plan = ClonePlan.between(source, destination, CLONEABLE);

        assertThat(plan.changes()).containsExactly(
                new FieldChange("operator", "bob", "alice"),
                new FieldChange("bk_cpu", null, 8L));
        assertThat(plan.updatedFields()).containsExactly(entry("operator", "alice"), entry("bk_cpu", 8L));
        assertThat(plan.isEmpty()).isFalse();
        assertThatThrownBy(() -> plan.changes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenFieldTheSourceLacks_whenPlanning_thenDestinationKeepsItsValue() {
        Host source = aHost().with("operator", "alice").build();
        Host destination = aHost().with("bk_comment", "keep me").build();

        assertThat(ClonePlan.between(source, destination, CLONEABLE).updatedFields())
                .containsOnlyKeys("operator");
    }

    @Test
    void givenNullInSource_whenPlanning_thenItIsTreatedAsNoValue() {
        Host source = aHost().with("bk_comment", null).build();
        Host destination = aHost().with("bk_comment", "keep me").build();

        assertThat(ClonePlan.between(source, destination, CLONEABLE).isEmpty()).isTrue();
    }

    @Test
    void givenEqualValues_whenPlanning_thenPlanIsEmpty() {
        Host source = aHost().with("operator", "alice").with("bk_asset_id", "A-1").build();
        Host destination = aHost().with("operator", "alice").with("bk_asset_id", "B-2").build();

        assertThat(ClonePlan.between(source, destination, CLONEABLE).isEmpty()).isTrue();
    }

    @Test
    void givenNonCloneableDifference_whenPlanning_thenItIsIgnored() {
        Host source = aHost().withInnerIp("10.0.0.1").with("bk_asset_id", "A-1").build();
        Host destination = aHost().withInnerIp("10.0.0.2").build();

        assertThat(ClonePlan.between(source, destination, CLONEABLE).isEmpty()).isTrue();
    }
}
