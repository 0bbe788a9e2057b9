package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeDefinitionTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    @Test
    void givenMinimalSinglechar_whenParsing_thenItIsAnEditableGlobalAttributeByTheUser() {
        Attribute attribute = AttributeDefinition.parse(definition(), null, "alice", NOW);

        assertThat(attribute.id()).isZero();
        assertThat(attribute.propertyId()).isEqualTo("rack");
        assertThat(attribute.name()).isEqualTo("Rack");
        assertThat(attribute.type()).isEqualTo(AttributeType.SINGLECHAR);
        assertThat(attribute.editable()).isTrue();
        assertThat(attribute.builtIn()).isFalse();
        assertThat(attribute.readonly()).isFalse();
        assertThat(attribute.isGlobal()).isTrue();
        assertThat(attribute.group()).isEqualTo("default");
        assertThat(attribute.creator()).isEqualTo("alice");
        assertThat(attribute.createdAt()).isEqualTo(NOW);
        assertThat(attribute.option()).isNull();
    }

    /** BlueKing's own create example sends a description; it and the index and default were refused as unknown. */
    @Test
    void givenDescriptionIndexAndDefault_whenParsing_thenEachIsKeptTheDefaultCheckedAsAValue() {
        Attribute attribute = AttributeDefinition.parse(definition("description", " who answers ", "bk_property_index", 4L,
                "default", " infra "), null, "alice", NOW);
        Attribute absent = AttributeDefinition.parse(definition(), null, "alice", NOW);
        Attribute ranged = AttributeDefinition.parse(definition("bk_property_type", "int", "option", Map.of("min", 1L, "max", 9L),
                "default", 3L), null, "alice", NOW);

        assertThat(attribute).extracting(Attribute::description, Attribute::index, Attribute::defaultValue)
                .containsExactly("who answers", 4L, "infra");
        assertThat(absent).extracting(Attribute::description, Attribute::index, Attribute::defaultValue)
                .containsExactly("", 0L, null);
        assertThat(ranged.defaultValue()).isEqualTo(3L);
    }

    @Test
    void givenADefaultOrAnIndexOutOfItsRules_whenParsing_thenRefusedNamingIt() {
        assertRejected(definition("bk_property_type", "int", "option", Map.of("min", 1L, "max", 9L), "default", 10L),
                new Failure.InvalidValue("default", InvalidReason.NOT_ALLOWED, 10L));
        assertRejected(definition("default", 7L), new Failure.InvalidValue("default", InvalidReason.WRONG_TYPE_OR_OPTION, 7L));
        assertRejected(definition("bk_property_index", -1L),
                new Failure.InvalidValue("bk_property_index", InvalidReason.WRONG_TYPE_OR_OPTION, -1L));
        assertRejected(definition("description", "x".repeat(2001)),
                new Failure.InvalidValue("description", InvalidReason.TOO_LONG, "x".repeat(2001)));
    }

    /** An enum's default lives in its options' is_default: one given beside them is dropped, as BlueKing drops it. */
    @Test
    void givenAnEnumWithADefault_whenParsing_thenTheDefaultIsDropped() {
        Attribute attribute = AttributeDefinition.parse(definition("bk_property_type", "enum",
                "option", List.of(Map.of("id", "1", "name", "L1", "type", "text", "is_default", true)), "default", "1"),
                null, "alice", NOW);

        assertThat(attribute.defaultValue()).isNull();
    }

    @Test
    void givenBusiness_whenParsing_thenItIsACustomFieldInTheBusinessGroup() {
        Attribute attribute = AttributeDefinition.parse(definition("bk_biz_id", 2L), BusinessId.of(2), "alice", NOW);

        assertThat(attribute.business()).isEqualTo(BusinessId.of(2));
        assertThat(attribute.group()).isEqualTo("bizdefault");
    }

    @Test
    void givenBodyBusinessOtherThanThePaths_whenParsing_thenTheCombinationIsInvalid() {
        assertRejected(definition("bk_biz_id", 3L), BusinessId.of(2), new Failure.InvalidCombination("bk_biz_id"));
        assertRejected(definition("bk_biz_id", 3L), null, new Failure.InvalidCombination("bk_biz_id"));
    }

    @Test
    void givenFlagsAndTexts_whenParsing_thenTheyAreKeptTrimmed() {
        Attribute attribute = AttributeDefinition.parse(definition("editable", false, "isreadonly", true,
                "ispre", true, "unit", "U", "placeholder", "p", "bk_property_group", "hw", "creator", "bob",
                "bk_property_name", "  Rack  ", "bk_supplier_account", "0", "bk_template_id", 0L), null, "alice", NOW);

        assertThat(attribute.editable()).isFalse();
        assertThat(attribute.readonly()).isTrue();
        assertThat(attribute.builtIn()).isFalse();
        assertThat(attribute.unit()).isEqualTo("U");
        assertThat(attribute.placeholder()).isEqualTo("p");
        assertThat(attribute.group()).isEqualTo("hw");
        assertThat(attribute.creator()).isEqualTo("bob");
        assertThat(attribute.name()).isEqualTo("Rack");
    }

    @Test
    void givenUnknownKey_whenParsing_thenItIsNamedNotDropped() {
        assertRejected(definition("colour", "blue"),
                new Failure.InvalidValue("colour", InvalidReason.UNKNOWN_ATTRIBUTE, null));
    }

    /**
     * A definition copied from search_object_attribute's answer carries its id, times, group name and system flags;
     * BlueKing's own example an {@code bk_asst_obj_id}: taken, and the attribute made as without them.
     */
    @Test
    void givenTheKeysOfAnAnswer_whenParsing_thenTheyAreTakenAndTheAttributeIsAsWithoutThem() {
        Attribute copied = AttributeDefinition.parse(definition("id", 44L, "bk_property_group_name", "基础信息",
                "create_time", "2026-01-02T03:04:05Z", "last_time", "2026-01-02T03:04:05Z", "bk_asst_obj_id", "test",
                "bk_issystem", false, "bk_isapi", false), null, "alice", NOW);

        assertThat(copied).isEqualTo(AttributeDefinition.parse(definition(), null, "alice", NOW));
    }

    @Test
    void givenASystemFlagSetOrAnAnsweredTextOfAnotherType_whenParsing_thenRefusedNamingIt() {
        assertRejected(definition("bk_issystem", true), new Failure.AttributeNotAllowed("bk_issystem", true));
        assertRejected(definition("bk_isapi", true), new Failure.AttributeNotAllowed("bk_isapi", true));
        assertRejected(definition("create_time", 7L),
                new Failure.InvalidValue("create_time", InvalidReason.WRONG_TYPE_OR_OPTION, 7L));
    }

    @Test
    void givenNoObjectOrAnotherObject_whenParsing_thenObjectIsMissingOrInvalid() {
        Map<String, Object> without = definition();
        without.remove("bk_obj_id");

        assertRejected(without, new Failure.MissingField("bk_obj_id"));
        assertRejected(definition("bk_obj_id", "set"), new Failure.InvalidCombination("bk_obj_id"));
    }

    @Test
    void givenTemplateId_whenParsing_thenOnlyZeroIsAccepted() {
        assertRejected(definition("bk_template_id", 5L), new Failure.InvalidCombination("bk_template_id"));
    }

    @Test
    void givenPropertyIdMissingOrBlank_whenParsing_thenItIsUnassigned() {
        Map<String, Object> without = definition();
        without.remove("bk_property_id");

        assertRejected(without, new Failure.MissingField("bk_property_id"));
        assertRejected(definition("bk_property_id", "  "), new Failure.MissingField("bk_property_id"));
    }

    @Test
    void givenPropertyIdsBreakingThePattern_whenParsing_thenEachIsNotAllowed() {
        for (String id : List.of("1rack", "rack-1", "rack id", "_bk_rack", "bk_rack", "last_time", "create_time")) {
            assertRejected(definition("bk_property_id", id),
                    new Failure.InvalidValue("bk_property_id", InvalidReason.NOT_ALLOWED, id));
        }
    }

    @Test
    void givenPropertyIdOf128AndOf129Characters_whenParsing_thenOnlyTheLongerIsTooLong() {
        String longest = "r" + "a".repeat(127);

        assertThat(AttributeDefinition.parse(definition("bk_property_id", longest), null, "alice", NOW).propertyId())
                .isEqualTo(longest);
        assertRejected(definition("bk_property_id", longest + "a"),
                new Failure.InvalidValue("bk_property_id", InvalidReason.TOO_LONG, longest + "a"));
    }

    @Test
    void givenPropertyNameMissingOrTooLong_whenParsing_thenNameIsNamed() {
        assertRejected(definition("bk_property_name", " "), new Failure.MissingField("bk_property_name"));
        assertRejected(definition("bk_property_name", "n".repeat(129)),
                new Failure.InvalidValue("bk_property_name", InvalidReason.TOO_LONG, "n".repeat(129)));
    }

    @Test
    void givenUnknownOrBuiltInOnlyType_whenParsing_thenTypeIsNotAllowed() {
        assertRejected(definition("bk_property_type", "innertable"),
                new Failure.InvalidValue("bk_property_type", InvalidReason.NOT_ALLOWED, "innertable"));
        assertRejected(definition("bk_property_type", "foreignkey"),
                new Failure.InvalidValue("bk_property_type", InvalidReason.NOT_ALLOWED, "foreignkey"));
    }

    @Test
    void givenIntWithoutOption_whenParsing_thenOptionCannotBeOmitted() {
        assertRejected(definition("bk_property_type", "int"), new Failure.CannotBeOmitted("option"));
    }

    @Test
    void givenIntWithRange_whenParsing_thenTheRangeIsKept() {
        Attribute attribute = AttributeDefinition.parse(definition("bk_property_type", "int",
                "option", Map.of("min", 1L, "max", 64L)), null, "alice", NOW);

        assertThat(attribute.option()).isEqualTo(Map.of("min", 1L, "max", 64L));
    }

    @Test
    void givenRequiredOrUniqueFlag_whenParsing_thenHostRefusesRequiredAttributes() {
        assertRejected(definition("isrequired", true), new Failure.AttributeNotAllowed("isrequired", true));
        assertRejected(definition("isonly", true), new Failure.AttributeNotAllowed("isrequired", true));
        assertThat(AttributeDefinition.parse(definition("isrequired", false, "isonly", false), null, "alice", NOW))
                .isNotNull();
    }

    /** BlueKing's single choice on a type of several values is not served: refused, not taken and dropped. */
    @Test
    void givenSingleChoiceOnATypeOfSeveralValues_whenParsing_thenItIsNotAllowed() {
        assertRejected(definition("bk_property_type", "objuser", "ismultiple", false),
                new Failure.AttributeNotAllowed("ismultiple", false));
        assertRejected(definition("bk_property_type", "enummulti", "option", List.of(Map.of("id", "a", "name", "A")),
                "ismultiple", false), new Failure.AttributeNotAllowed("ismultiple", false));
        assertThat(AttributeDefinition.parse(definition("ismultiple", false), null, "alice", NOW).type())
                .isEqualTo(AttributeType.SINGLECHAR);
    }

    @Test
    void givenMultipleOnASingleValueType_whenParsing_thenMultipleIsNotAllowed() {
        assertRejected(definition("ismultiple", true), new Failure.AttributeNotAllowed("ismultiple", true));
        assertThat(AttributeDefinition.parse(definition("bk_property_type", "objuser", "ismultiple", true),
                null, "alice", NOW).type()).isEqualTo(AttributeType.OBJUSER);
    }

    @Test
    void givenFlagOfTheWrongType_whenParsing_thenItDoesNotFit() {
        assertRejected(definition("editable", "yes"),
                new Failure.InvalidValue("editable", InvalidReason.WRONG_TYPE_OR_OPTION, "yes"));
    }

    @Test
    void givenUnitPlaceholderAndCreatorOverTheirLimits_whenParsing_thenEachIsTooLong() {
        assertRejected(definition("unit", "u".repeat(21)), new Failure.InvalidValue("unit", InvalidReason.TOO_LONG, "u".repeat(21)));
        assertRejected(definition("placeholder", "p".repeat(2001)),
                new Failure.InvalidValue("placeholder", InvalidReason.TOO_LONG, "p".repeat(2001)));
        // a user's name, as long as a caller's may be (until 2026-12-06 any length)
        assertRejected(definition("creator", "c".repeat(257)), new Failure.InvalidValue("creator", InvalidReason.TOO_LONG, "c".repeat(257)));
    }

    @Test
    void givenBlankGroup_whenParsing_thenGroupIsUnassigned() {
        assertRejected(definition("bk_property_group", " "), new Failure.MissingField("bk_property_group"));
    }

    private static Map<String, Object> definition(Object... extra) {
        Map<String, Object> definition = new HashMap<>(Map.of("bk_obj_id", "host", "bk_property_id", "rack",
                "bk_property_name", "Rack", "bk_property_type", "singlechar"));
        for (int i = 0; i < extra.length; i += 2) {
            definition.put((String) extra[i], extra[i + 1]);
        }
        return definition;
    }

    private static void assertRejected(Map<String, Object> definition, Failure expected) {
        assertRejected(definition, null, expected);
    }

    private static void assertRejected(Map<String, Object> definition, BusinessId business, Failure expected) {
        assertThatThrownBy(() -> AttributeDefinition.parse(definition, business, "alice", NOW))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }
}
