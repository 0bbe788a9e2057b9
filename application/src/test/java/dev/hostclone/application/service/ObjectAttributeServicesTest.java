package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ADMIN;
import static dev.hostclone.application.service.Fixtures.ALICE;
import static dev.hostclone.application.service.Fixtures.LAB;
import static dev.hostclone.application.service.Fixtures.MALLORY;
import static dev.hostclone.application.service.Fixtures.NOW;
import static dev.hostclone.application.service.Fixtures.SHOP;
import static dev.hostclone.application.service.Fixtures.failureOf;
import static dev.hostclone.application.service.Fixtures.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.CreateObjectAttributeCommand;
import dev.hostclone.application.port.in.SearchObjectAttributeQuery;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.CloneableFields;
import dev.hostclone.domain.model.HostModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectAttributeServicesTest {

    private final FakeHosts store = new FakeHosts();
    private final CreateObjectAttributeService create = new CreateObjectAttributeService(Fixtures.businesses(), store,
            Fixtures.authorization(), () -> NOW);
    private final SearchObjectAttributeService search = new SearchObjectAttributeService(store);

    @Test
    void givenAdministrator_whenCreatingAGlobalAttribute_thenItIsStoredAndCloneFollowsIt() {
        Attribute created = join(create.createAttribute(ADMIN, CreateObjectAttributeCommand.global(rack())));

        assertThat(created.id()).isPositive();
        assertThat(created.creator()).isEqualTo("admin");
        assertThat(store.model.attribute("rack", SHOP)).contains(created);
        assertThat(CloneableFields.of(store.model, SHOP)).contains("rack");
    }

    @Test
    void givenMaintainer_whenCreatingAGlobalAttribute_thenEditingTheModelIsMissing() {
        HostModel before = store.model;

        assertThat(failureOf(() -> create.createAttribute(ALICE, CreateObjectAttributeCommand.global(rack()))))
                .isEqualTo(new Failure.PermissionMissing(
                        List.of(Permission.onPlatform(Action.EDIT_MODEL, Resource.MODEL))));
        assertThat(store.model).as("the model unchanged").isSameAs(before);
    }

    @Test
    void givenMaintainer_whenCreatingACustomFieldOfTheirBusiness_thenOnlyThatBusinessSeesIt() {
        Attribute created = join(create.createAttribute(ALICE, new CreateObjectAttributeCommand(SHOP, rack())));

        assertThat(created.business()).isEqualTo(SHOP);
        assertThat(store.model.attribute("rack", SHOP)).isPresent();
        assertThat(store.model.attribute("rack", LAB)).isEmpty();
    }

    @Test
    void givenMaintainerOfAnotherBusiness_whenCreatingACustomField_thenEditingThatBusinessFieldsIsMissing() {
        HostModel before = store.model;

        assertThat(failureOf(() -> create.createAttribute(ALICE, new CreateObjectAttributeCommand(LAB, rack()))))
                .isEqualTo(new Failure.PermissionMissing(
                        List.of(Permission.onBusiness(Action.EDIT_BUSINESS_CUSTOM_FIELD, LAB))));
        assertThat(store.model).as("the model unchanged").isSameAs(before);
    }

    @Test
    void givenUnknownBusiness_whenCreatingACustomField_thenBusinessIsNotFound() {
        HostModel before = store.model;

        assertThat(failureOf(() -> create.createAttribute(ADMIN,
                new CreateObjectAttributeCommand(BusinessId.of(9), rack()))))
                .isEqualTo(new Failure.BusinessNotFound(9));
        assertThat(store.model).as("the model unchanged").isSameAs(before);
    }

    @Test
    void givenInvalidDefinition_whenCreating_thenNothingIsStored() {
        int before = store.model.attributes().size();

        assertThat(failureOf(() -> create.createAttribute(ADMIN,
                CreateObjectAttributeCommand.global(Map.of("bk_obj_id", "host",
                        "bk_property_id", "bk_rack", "bk_property_name", "Rack", "bk_property_type", "singlechar")))))
                .isEqualTo(new Failure.InvalidValue("bk_property_id", InvalidReason.NOT_ALLOWED, "bk_rack"));
        assertThat(store.model.attributes()).hasSize(before);
    }

    @Test
    void givenAnyUser_whenSearchingWithABusiness_thenGlobalAttributesAndThatBusinessFieldsMatchTheCondition() {
        join(create.createAttribute(ALICE, new CreateObjectAttributeCommand(SHOP, rack())));

        assertThat(join(search.searchAttributes(MALLORY,
                new SearchObjectAttributeQuery(SHOP, Map.of("editable", true)))))
                .extracting(Attribute::propertyId).contains("operator", "rack").doesNotContain("bk_asset_id");
        assertThat(join(search.searchAttributes(MALLORY,
                new SearchObjectAttributeQuery(null, Map.of("bk_property_id", "rack")))))
                .isEmpty();
    }

    private static Map<String, Object> rack() {
        return Map.of("bk_obj_id", "host", "bk_property_id", "rack", "bk_property_name", "Rack",
                "bk_property_type", "singlechar");
    }
}
