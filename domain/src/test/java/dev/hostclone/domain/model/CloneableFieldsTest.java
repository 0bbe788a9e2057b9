package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.testing.HostModels;
import org.junit.jupiter.api.Test;

class CloneableFieldsTest {

    private static final BusinessId BIZ = BusinessId.of(2);

    @Test
    void givenStandardModel_whenComputingCloneable_thenOnlyEditableFieldsOutsideUniqueRulesRemain() {
        assertThat(CloneableFields.of(HostModels.standard(), BIZ)).containsExactlyInAnyOrder(
                "operator", "bk_bak_operator", "bk_comment", "bk_host_name", "bk_cpu", "bk_sla", "bk_host_outerip_v6");
    }

    @Test
    void givenOuterIpRule_whenComputingCloneable_thenEditableOuterIpIsNotCloned() {
        assertThat(CloneableFields.of(HostModels.standard(), BIZ)).doesNotContain("bk_host_outerip");
    }

    @Test
    void givenOuterIpRuleDeleted_whenComputingCloneable_thenOuterIpIsCloned() {
        HostModel model = HostModels.standard().withoutUniqueRule(4);

        assertThat(CloneableFields.of(model, BIZ)).contains("bk_host_outerip");
    }

    @Test
    void givenNonEditableAttribute_whenComputingCloneable_thenItIsNeverCloned() {
        assertThat(CloneableFields.of(HostModels.standard(), BIZ)).doesNotContain("bk_asset_id", "bk_addressing");
    }

    @Test
    void givenSystemFieldMarkedEditable_whenComputingCloneable_thenItIsStillNotCloned() {
        HostModel model = HostModels.standard()
                .withAttribute(HostModels.attribute(40, "last_time", AttributeType.TIME, true));

        assertThat(CloneableFields.of(model, BIZ)).doesNotContain("last_time");
    }

    /**
     * An attribute only the system sets, by its flags (system, or api: BlueKing's own, set through its API alone),
     * is never copied, editable or not, as batch_update_host never takes it; until 2026-12-07 an editable api one was.
     */
    @Test
    void givenEditableAttributesTheSystemMaintains_whenComputingCloneable_thenNoneIsCloned() {
        HostModel model = HostModels.standard()
                .withAttribute(new Attribute(40, "by_api", "by_api", "by_api", "default", AttributeType.SINGLECHAR, null,
                        true, true, false, true, false, null, "", "", "", java.time.Instant.EPOCH))
                .withAttribute(new Attribute(41, "by_system", "by_system", "by_system", "default", AttributeType.SINGLECHAR,
                        null, true, true, true, false, false, null, "", "", "", java.time.Instant.EPOCH));

        assertThat(CloneableFields.of(model, BIZ)).doesNotContain("by_api", "by_system");
    }

    @Test
    void givenCustomFieldOfTheBusiness_whenComputingCloneable_thenItIsCloned() {
        HostModel model = HostModels.standard().withAttribute(HostModels.customField(40, "rack", 2));

        assertThat(CloneableFields.of(model, BIZ)).contains("rack");
    }

    @Test
    void givenCustomFieldOfAnotherBusiness_whenComputingCloneable_thenItIsNotCloned() {
        HostModel model = HostModels.standard().withAttribute(HostModels.customField(40, "rack", 3));

        assertThat(CloneableFields.of(model, BIZ)).doesNotContain("rack");
    }

    @Test
    void givenCustomFieldInANewUniqueRule_whenComputingCloneable_thenItIsNoLongerCloned() {
        HostModel model = HostModels.standard()
                .withAttribute(HostModels.customField(40, "rack", 2))
                .withUniqueRule(new UniqueRule(9, java.util.List.of(40L), false, false, HostModels.EPOCH));

        assertThat(CloneableFields.of(model, BIZ)).doesNotContain("rack");
    }
}
