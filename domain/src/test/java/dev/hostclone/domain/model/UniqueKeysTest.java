package dev.hostclone.domain.model;

import static dev.hostclone.domain.testing.HostBuilder.aHost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.testing.HostModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class UniqueKeysTest {

    private final HostModel model = HostModels.standard();

    @Test
    void givenHostsSharingOneOfTheirInnerIps_whenComparingKeys_thenTheyCollide() {
        var first = UniqueKeys.of(aHost().withInnerIp("10.0.0.1,10.0.0.2").build(), model);
        var second = UniqueKeys.of(aHost().withInnerIp("10.0.0.2").build(), model);

        assertThat(UniqueKeys.overlap(first, second)).isTrue();
    }

    @Test
    void givenSameIpInDifferentClouds_whenComparingKeys_thenTheyDoNotCollide() {
        var first = UniqueKeys.of(aHost().withInnerIp("10.0.0.1").inCloud(0).build(), model);
        var second = UniqueKeys.of(aHost().withInnerIp("10.0.0.1").inCloud(3).build(), model);

        assertThat(UniqueKeys.overlap(first, second)).isFalse();
    }

    @Test
    void givenDynamicHosts_whenComputingKeys_thenIpRulesDoNotBindThem() {
        var first = UniqueKeys.of(aHost().withInnerIp("10.0.0.1").dynamic().build(), model);
        var second = UniqueKeys.of(aHost().withInnerIp("10.0.0.1").dynamic().build(), model);

        assertThat(UniqueKeys.overlap(first, second)).isFalse();
    }

    @Test
    void givenEmptyAgentIds_whenComputingKeys_thenAgentRuleDoesNotBind() {
        var keys = UniqueKeys.of(aHost().withInnerIp("10.0.0.1").with("bk_agent_id", "").build(), model);

        assertThat(keys).extracting(UniqueKey::ruleId).containsExactly(1L);
    }

    @Test
    void givenOuterIpList_whenComputingKeys_thenEachAddressIsAKeyNamingTheField() {
        var keys = UniqueKeys.of(aHost().with("bk_host_outerip", "1.1.1.1,2.2.2.2").build(), model);

        assertThat(keys).filteredOn(key -> key.ruleId() == 4)
                .extracting(UniqueKey::values)
                .containsExactly(List.of("1.1.1.1"), List.of("2.2.2.2"));
        assertThat(keys).filteredOn(key -> key.ruleId() == 4).first()
                .extracting(UniqueKey::fields).isEqualTo(List.of("bk_host_outerip"));
    }

    @Test
    void givenChangeOfAKeyFieldToANewValue_whenComputingKeysAfterIt_thenTheHostsKeysAreRecomputed() {
        var host = aHost().withInnerIp("10.0.0.1").with("bk_host_outerip", "1.1.1.1").build();

        var keys = UniqueKeys.afterChange(host, java.util.Map.of("bk_host_outerip", "2.2.2.2", "bk_comment", "x"), model);

        assertThat(keys).isPresent();
        assertThat(keys.get()).filteredOn(key -> key.ruleId() == 4).extracting(UniqueKey::values)
                .containsExactly(List.of("2.2.2.2"));
        assertThat(keys.get()).extracting(UniqueKey::ruleId).contains(1L);
    }

    @Test
    void givenChangesLeavingEveryKeyFieldAsItWas_whenComputingKeysAfterThem_thenThereAreNoneToRewrite() {
        var host = aHost().withInnerIp("10.0.0.1").with("bk_host_outerip", "1.1.1.1").build();

        assertThat(UniqueKeys.afterChange(host, java.util.Map.of("bk_host_outerip", "1.1.1.1", "bk_comment", "x"), model))
                .isEmpty();
    }

    @Test
    void givenOptionIdsHoldingACommaAndSpace_whenComputingKeys_thenTheyDoNotCollideWithTwoOptions() {
        UniqueKey one = UniqueKey.of(9, List.of("bk_tags"), List.of(List.of("a, b")));
        UniqueKey two = UniqueKey.of(9, List.of("bk_tags"), List.of(List.of("a", "b")));

        assertThat(UniqueKeys.overlap(List.of(one), List.of(two))).isFalse();
    }

    @Test
    void givenATextHoldingTheSeparator_whenComputingKeys_thenItDoesNotCollideWithTwoValues() {
        UniqueKey one = UniqueKey.of(9, List.of("bk_sn", "bk_asset_id"), List.of("a\u001fb", "c"));
        UniqueKey two = UniqueKey.of(9, List.of("bk_sn", "bk_asset_id"), List.of("a", "b\u001fc"));

        assertThat(one.text()).isNotEqualTo(two.text());
    }

    @Test
    void givenValuesWithoutSeparatorCommaOrBracket_whenComputingKeys_thenTheTextIsTheRuleIdAndValuesJoined() {
        var keys = UniqueKeys.of(aHost().withInnerIp("10.0.0.1").inCloud(3).build(), model);

        assertThat(keys).filteredOn(key -> key.ruleId() == 1).extracting(UniqueKey::text)
                .containsExactly("1\u001f10.0.0.1\u001f3");
    }

    @Test
    void givenKeyComputedForANewRule_whenFiledUnderTheAssignedId_thenOnlyTheRuleIdAndTextChange() {
        UniqueKey computed = UniqueKey.of(0, List.of("bk_host_name"), List.of("web"));

        UniqueKey filed = computed.underRule(7);

        assertThat(filed).isEqualTo(UniqueKey.of(7, List.of("bk_host_name"), List.of("web")));
        assertThat(filed.text()).isNotEqualTo(computed.text());
        assertThat(filed.values()).isEqualTo(computed.values());
    }
}
