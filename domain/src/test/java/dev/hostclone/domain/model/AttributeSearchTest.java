package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.testing.HostModels;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeSearchTest {

    private final HostModel model = HostModels.standard()
            .withAttribute(HostModels.customField(40, "rack", 2))
            .withAttribute(HostModels.customField(41, "shelf", 3))
            .withAttribute(new Attribute(42, "bk_cloud_host_identifier", "id", "id", "default", AttributeType.BOOL,
                    null, false, true, true, true, false, null, "", "", "", HostModels.EPOCH));

    @Test
    void givenNoBusiness_whenSearching_thenOnlyGlobalNonSystemAttributesComeBack() {
        assertThat(AttributeSearch.select(model, null, Map.of())).extracting(Attribute::propertyId)
                .contains("bk_host_innerip", "operator")
                .doesNotContain("rack", "shelf", "bk_cloud_host_identifier");
    }

    @Test
    void givenBusiness_whenSearching_thenItsCustomFieldsComeBackToo() {
        assertThat(AttributeSearch.select(model, BusinessId.of(2), Map.of())).extracting(Attribute::propertyId)
                .contains("bk_host_innerip", "rack")
                .doesNotContain("shelf");
    }

    @Test
    void givenConditionOnWireFields_whenSearching_thenEveryEntryMustEqual() {
        assertThat(AttributeSearch.select(model, BusinessId.of(2),
                Map.of("bk_property_type", "singlechar", "editable", true, "bk_biz_id", 2L)))
                .extracting(Attribute::propertyId).containsExactly("rack");
        assertThat(AttributeSearch.select(model, null, Map.of("id", 9.0, "bk_obj_id", "host")))
                .extracting(Attribute::propertyId).containsExactly("bk_cpu");
    }

    /** A creator named in the definition is stored composed, as the actor's name is; either form finds it. */
    @Test
    void givenACreatorSentWithACombiningAccent_whenSearchingByCreatorInEitherForm_thenTheAttributeIsFound() {
        Attribute created = AttributeDefinition.parse(Map.of("bk_obj_id", "host", "bk_property_id", "rack_row",
                "bk_property_name", "Rack row", "bk_property_type", "singlechar", "creator", "jose\u0301"), null,
                "alice", HostModels.EPOCH);
        HostModel withIt = model.withAttribute(created.withId(43));

        assertThat(created.creator()).isEqualTo("jos\u00e9");
        assertThat(AttributeSearch.select(withIt, null, Map.of("creator", "jose\u0301")))
                .extracting(Attribute::propertyId).containsExactly("rack_row");
        assertThat(AttributeSearch.select(withIt, null, Map.of("creator", "jos\u00e9")))
                .extracting(Attribute::propertyId).containsExactly("rack_row");
    }

    @Test
    void givenConditionOnAnUnknownField_whenSearching_thenTheKeyIsNamed() {
        assertThatThrownBy(() -> AttributeSearch.select(model, null, Map.of("colour", "red")))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure())
                        .isEqualTo(new Failure.InvalidValue("colour", InvalidReason.UNKNOWN_ATTRIBUTE, null)));
    }
}
