package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host model end to end: search_object_attribute, create_object_attribute,
 * create_biz_custom_field, search_object_unique, create_object_unique and delete_object_unique
 * through both doors, each refusal with its exact code and message and the model read back
 * unchanged; and clone following the model the moment it changes. The model is shared by every
 * scenario of a server, so each scenario names its attributes afresh and only
 * {@link #givenOuterIpRule_whenItIsDeleted_thenOuterIpIsClonedFromThenOn} touches a rule it did not create.
 */
abstract class HostModelScenarios extends EndToEndScenarios {

        @ParameterizedTest
    @EnumSource(Door.class)
    void givenBusinessCustomField_whenSearchingAttributes_thenOnlyThatBusinessSeesIt(Door door) {
        long owner = aBusiness();
        String rack = aName("rack");
        createCustomField(owner, singlechar(rack));

        assertThat(attributesNamed(door, rack, owner)).singleElement()
                .satisfies(attribute -> assertThat(attribute.get("bk_biz_id").asLong()).isEqualTo(owner));
        assertThat(attributesNamed(door, rack, aBusiness())).isEmpty();
        assertThat(attributesNamed(door, rack, null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenBuiltInModel_whenSearchingNonEditableAttributes_thenTheIdentityFieldsAreAmongThem(Door door) {
        JsonNode found = assertSucceeded(admin.call(door, "search_object_attribute",
                json(fields("bk_obj_id", "host", "editable", false))));

        assertThat(found.findValuesAsText("bk_property_id"))
                .contains("bk_host_innerip", "bk_cloud_id", "bk_asset_id", "bk_agent_id")
                .doesNotContain("operator", OUTER_IP);
    }

    @Test
    void givenNoObject_whenSearchingAttributes_thenObjectIdIsInvalid() {
        assertRefusal(admin.esb("search_object_attribute", json(fields("bk_property_id", "operator"))),
                1199011, "'bk_obj_id' the parameter is invalid or does not exist");
    }

    @Test
    void givenPropertyIdAsNumber_whenSearchingAttributes_thenJsonDecodingFailsNamingIt() {
        assertRefusal(admin.v3("search_object_attribute", json(fields("bk_obj_id", "host", "bk_property_id", 7))),
                1199000, "Deserializing JSON data failed: field 'bk_property_id' must be a string");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNewDefinition_whenCreatingAttribute_thenItIsGlobalEditableAndFound(Door door) {
        String team = aName("team");

        JsonNode created = assertSucceeded(admin.call(door, "create_object_attribute", json(singlechar(team))));

        assertThat(created.get("id").asLong()).isPositive();
        assertThat(created.get("bk_biz_id").asLong()).isZero();
        assertThat(created.get("editable").asBoolean()).isTrue();
        assertThat(created.get("ispre").asBoolean()).isFalse();
        assertThat(created.get("creator").asText()).isEqualTo(ADMIN);
        assertThat(attributesNamed(Door.ESB, team, null)).singleElement()
                .satisfies(attribute -> assertThat(attribute.get("id")).isEqualTo(created.get("id")));
    }

    /**
     * BlueKing's own create example sends a description, and its callers read back the index, the default and
     * ismultiple: kept and shown, in the answer and in searches, on both doors.
     */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenADefinitionWithDescriptionIndexAndDefault_whenCreated_thenEachComesBackAndIsFound(Door door) {
        String team = aName("team");

        JsonNode created = assertSucceeded(admin.call(door, "create_object_attribute", json(singlechar(team,
                "description", "who answers for the host", "bk_property_index", 3, "default", "infra"))));

        JsonNode found = attributesNamed(Door.V3, team, null).get(0);
        for (JsonNode attribute : List.of(created, found)) {
            assertThat(attribute.get("description").asText()).isEqualTo("who answers for the host");
            assertThat(attribute.get("bk_property_index").asLong()).isEqualTo(3);
            assertThat(attribute.get("default").asText()).isEqualTo("infra");
            assertThat(attribute.get("ismultiple").asBoolean()).isFalse();
        }
    }

    /**
     * BlueKing's form of an int with no bounds, which its web form sends for two empty fields: kept as given, and
     * stored the same on both stores. Until 2026-12-07 refused, 1199006 naming {@code option}.
     */
    @Test
    void givenAnIntWithEmptyBounds_whenCreated_thenItIsUnboundedAndItsOptionComesBackAsGiven() {
        String units = aName("units");

        JsonNode created = assertSucceeded(admin.esb("create_object_attribute", json(singlechar(units,
                "bk_property_type", "int", "option", fields("min", "", "max", "")))));

        JsonNode found = attributesNamed(Door.V3, units, null).get(0);
        for (JsonNode attribute : List.of(created, found)) {
            assertThat(attribute.get("option").properties()).extracting(Map.Entry::getKey, entry -> entry.getValue().toString())
                    .containsExactlyInAnyOrder(tuple("min", "\"\""), tuple("max", "\"\""));
        }
    }

    /**
     * BlueKing's own example sends an int's bounds as texts, {@code {"min":"1","max":"2"}}: kept and answered as sent,
     * on both stores, and holding values as numbers would (until 2026-12-07 answered as numbers).
     */
    @Test
    void givenAnIntWithBoundsAsTexts_whenCreatedAndAHostWritten_thenTheBoundsComeBackAsSentAndHold() {
        String units = aName("units");

        JsonNode created = assertSucceeded(admin.esb("create_object_attribute", json(singlechar(units,
                "bk_property_type", "int", "option", fields("min", "1", "max", "2")))));
        long host = hosts(aBusiness(), host(anIp())).get(0);

        JsonNode found = attributesNamed(Door.V3, units, null).get(0);
        for (JsonNode attribute : List.of(created, found)) {
            assertThat(attribute.get("option").properties()).extracting(Map.Entry::getKey, entry -> entry.getValue().toString())
                    .containsExactlyInAnyOrder(tuple("min", "\"1\""), tuple("max", "\"2\""));
        }
        assertRefusal(updateOne(admin, Door.V3, host, fields(units, 3)),
                1199006, "'update[0].properties." + units + "' data parameter verification does not pass: 3 is not an allowed value");
        update(host, units, 2);
        assertThat(baseInfo(host).get(units).asLong()).isEqualTo(2);
    }

    /**
     * A field's definition copied from search_object_attribute's answer, its id and name changed, makes a field like
     * it: the answer's own keys (id, times, group name, system flags) taken back. Until 2026-12-07 refused, 1199006
     * naming {@code id}.
     */
    @Test
    void givenADefinitionCopiedFromTheAnswer_whenCreatedUnderAnotherId_thenTheCopyIsLikeTheOriginal() {
        String original = aName("team");
        String copy = aName("team");
        assertSucceeded(admin.esb("create_object_attribute", json(singlechar(original,
                "description", "who answers for the host", "bk_property_index", 3))));
        ObjectNode definition = (ObjectNode) attributesNamed(Door.V3, original, null).get(0).deepCopy();
        definition.put("bk_property_id", copy).put("bk_property_name", "name of " + copy);

        assertSucceeded(admin.v3("create_object_attribute", definition.toString()));

        JsonNode made = attributesNamed(Door.V3, copy, null).get(0);
        assertThat(made.get("id").asLong()).isNotEqualTo(definition.get("id").asLong());
        for (String same : List.of("bk_property_type", "bk_property_group", "description", "bk_property_index",
                "editable", "bk_issystem", "bk_isapi")) {
            assertThat(made.get(same)).as(same).isEqualTo(definition.get(same));
        }
    }

    static Stream<Arguments> refusedDefinitions() {
        String prefix = aName("long");
        String overLong = prefix + "x".repeat(129 - prefix.length());
        return Stream.of(
                Arguments.of("property id over 128 characters", fields("bk_property_id", overLong),
                        1199006, "'bk_property_id' data parameter verification does not pass: '" + overLong.substring(0, 64) + "...' is too long"),
                Arguments.of("reserved prefix", fields("bk_property_id", "bk_mine"),
                        1199006, "'bk_property_id' data parameter verification does not pass: 'bk_mine' is not an allowed value"),
                Arguments.of("unknown type", fields("bk_property_type", "colour"),
                        1199006, "'bk_property_type' data parameter verification does not pass: 'colour' is not an allowed value"),
                Arguments.of("int without option", fields("bk_property_type", "int"), 1199008, "'option' cannot be omitted"),
                Arguments.of("required", fields("isrequired", true), 1113026, "model [host] does not allow create required fields"),
                Arguments.of("another model", fields("bk_obj_id", "set"), 1199011, "'bk_obj_id' the parameter is invalid or does not exist"),
                Arguments.of("no name", fields("bk_property_name", ""), 1199010, "'bk_property_name' unassigned"),
                Arguments.of("unknown key", fields("colour", "x"),
                        1199006, "'colour' data parameter verification does not pass: no such attribute in the model"),
                Arguments.of("POSIX class in a pattern", fields("option", "^[[:digit:]]+$"),
                        1199006, "'option' data parameter verification does not pass: '^[[:digit:]]+$' holds what HostClone's"
                                + " patterns read otherwise than BlueKing's: a POSIX class such as [[:digit:]] (write [0-9]) or the flag U"),
                Arguments.of("single choice of users", fields("bk_property_type", "objuser", "ismultiple", false),
                        1199006, "'ismultiple' data parameter verification does not pass: false is not an allowed value"),
                Arguments.of("default of another type", fields("default", 7),
                        1199006, "'default' data parameter verification does not pass: 7 does not fit the attribute's type or option"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedDefinitions")
    void givenInvalidDefinition_whenCreatingAttribute_thenItIsRefusedAndNoAttributeIsAdded(
            String situation, Map<String, Object> override, long code, String message) {
        String id = aName("bad");
        Map<String, Object> definition = singlechar(id);
        definition.putAll(override);

        assertRefusal(admin.esb("create_object_attribute", json(definition)), code, message);
        // the id sent, which the override may have replaced
        assertThat(attributesNamed(Door.V3, (String) definition.get("bk_property_id"), null)).isEmpty();
    }

    @Test
    void givenTakenPropertyId_whenCreatingAttribute_thenDuplicateIsRefusedAndTheFirstStays() {
        String team = aName("team");
        createAttribute(admin, singlechar(team, "bk_property_name", "first"));

        assertRefusal(admin.v3("create_object_attribute", json(singlechar(team, "bk_property_name", "second"))),
                1199014, "duplicated instances exist, fields [bk_property_id] duplicated: values ['" + team + "']");
        assertThat(attributesNamed(Door.ESB, team, null)).singleElement()
                .satisfies(attribute -> assertThat(attribute.get("bk_property_name").asText()).isEqualTo("first"));
    }

    @Test
    void givenMaintainerOnly_whenCreatingGlobalAttribute_thenEditModelIsMissingAndNothingIsAdded() {
        String team = aName("team");

        assertRefusal(client(MAINTAINER).esb("create_object_attribute", json(singlechar(team))),
                9900403, "no permissions: edit_model");
        assertThat(attributesNamed(Door.ESB, team, null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenMaintainer_whenCreatingBusinessCustomField_thenItBelongsToThatBusiness(Door door) {
        long business = aBusiness();
        String rack = aName("rack");

        JsonNode created = assertSucceeded(client(MAINTAINER).call(door, "create_biz_custom_field",
                json(withBusiness(business, singlechar(rack)))));

        assertThat(created.get("bk_biz_id").asLong()).isEqualTo(business);
        assertThat(created.get("bk_property_group").asText()).isEqualTo("bizdefault");
        assertThat(created.get("creator").asText()).isEqualTo(MAINTAINER);
        assertThat(attributesNamed(Door.ESB, rack, business)).hasSize(1);
    }

    @Test
    void givenUnknownBusiness_whenCreatingCustomField_thenBusinessIsNotFoundAndNoFieldIsAdded() {
        String rack = aName("rack");

        assertRefusal(admin.v3("create_biz_custom_field", json(withBusiness(987_654, singlechar(rack)))),
                1101033, "query business failed: business 987654 does not exist");
        assertThat(attributesNamed(Door.V3, rack, 987_654L)).isEmpty();
        assertThat(attributesNamed(Door.V3, rack, null)).isEmpty();
    }

    @Test
    void givenNoBusiness_whenCreatingCustomFieldThroughEsb_thenBusinessIsUnassignedAndNoFieldIsAdded() {
        String rack = aName("rack");

        assertRefusal(admin.esb("create_biz_custom_field", json(singlechar(rack))), 1199010, "'bk_biz_id' unassigned");
        assertThat(attributesNamed(Door.ESB, rack, null)).isEmpty();
    }

    @Test
    void givenIdOfAGlobalAttribute_whenCreatingCustomField_thenDuplicateIsRefusedAndNothingIsAdded() {
        long business = aBusiness();
        String team = aName("team");
        createAttribute(admin, singlechar(team));

        assertRefusal(admin.esb("create_biz_custom_field", json(withBusiness(business, singlechar(team)))),
                1199014, "duplicated instances exist, fields [bk_property_id] duplicated: values ['" + team + "']");
        assertThat(attributesNamed(Door.ESB, team, business)).singleElement()
                .satisfies(attribute -> assertThat(attribute.get("bk_biz_id").asLong()).isZero());
    }

    @Test
    void givenBodyNamingAnotherBusiness_whenCreatingCustomFieldThroughV3_thenBusinessIdIsInvalid() {
        long business = aBusiness();
        String rack = aName("rack");

        ApiResponse refused = admin.send("POST", "/api/v3/create/objectattr/biz/" + business,
                json(singlechar(rack, "bk_biz_id", business + 1)), adminAuthorization());

        assertRefusal(refused, 1199011, "'bk_biz_id' the parameter is invalid or does not exist");
        assertThat(attributesNamed(Door.ESB, rack, business)).as("the path's business").isEmpty();
        assertThat(attributesNamed(Door.ESB, rack, business + 1)).as("the body's business").isEmpty();
        assertThat(attributesNamed(Door.ESB, rack, null)).as("global").isEmpty();
    }

    @Test
    void givenUserWhoMaintainsNothing_whenCreatingCustomField_thenItsPermissionIsMissingAndNothingIsAdded() {
        long business = aBusiness();
        String rack = aName("rack");

        ApiResponse refused = client(STRANGER).v3("create_biz_custom_field", json(withBusiness(business, singlechar(rack))));

        assertRefusal(refused, 9900403, "no permissions: edit_biz_custom_field");
        assertThat(attributesNamed(Door.ESB, rack, business)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenBuiltInModel_whenSearchingUniqueRules_thenTheFourBuiltInRulesAreListed(Door door) {
        JsonNode rules = assertSucceeded(admin.call(door, "search_object_unique", json(fields())));

        List<List<Long>> builtIn = new ArrayList<>();
        rules.forEach(rule -> {
            if (rule.get("ispre").asBoolean()) {
                builtIn.add(keysOf(rule));
            }
        });
        long innerIp = attributeId("bk_host_innerip");
        long cloud = attributeId("bk_cloud_id");
        assertThat(builtIn).hasSize(4).contains(List.of(innerIp, cloud));
        assertThat(rules.get(0).get("keys").get(0).get("key_kind").asText()).isEqualTo("property");
    }

    /**
     * BlueKing's callers read when a rule was made ({@code last_time}): a built-in rule when the built-in attributes
     * were, a new rule when it was created.
     */
    @Test
    void givenBuiltInAndNewRules_whenSearched_thenEachShowsWhenItWasMade() {
        String builtInTime = attributesNamed(Door.ESB, "bk_host_innerip", null).get(0).get("create_time").asText();
        long tagId = createAttribute(admin, singlechar(aName("tag"))).get("id").asLong();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        long ruleId = createRule(tagId);
        Instant after = Instant.now();

        for (JsonNode rule : rules()) {
            if (rule.get("ispre").asBoolean()) {
                assertThat(rule.get("last_time").asText()).as("built-in rule %s", rule.get("id")).isEqualTo(builtInTime);
            } else if (rule.get("id").asLong() == ruleId) {
                assertThat(Instant.parse(rule.get("last_time").asText())).isBetween(before, after);
            }
        }
        assertThat(ruleKeys(ruleId)).containsExactly(tagId);
    }

    @Test
    void givenAnotherObject_whenSearchingUniqueRules_thenObjectIdIsInvalid() {
        assertRefusal(admin.esb("search_object_unique", json(fields("bk_obj_id", "set"))),
                1199011, "'bk_obj_id' the parameter is invalid or does not exist");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNewRule_whenCreatingIt_thenItIsListedAndHostsMayNoLongerShareTheValue(Door door) {
        String tag = aName("tag");
        long tagId = createAttribute(admin, singlechar(tag)).get("id").asLong();
        List<Long> ids = hosts(aBusiness(), host(anIp()), host(anIp()));
        String value = aName("value");
        update(ids.get(0), tag, value);

        JsonNode created = assertSucceeded(admin.call(door, "create_object_unique", json(ruleOn(tagId))));
        Map<String, JsonNode> second = baseInfo(ids.get(1));

        assertThat(ruleKeys(created.get("id").asLong())).containsExactly(tagId);
        assertRefusal(updateOne(admin, Door.ESB, ids.get(1), fields(tag, value)),
                1199014, "duplicated instances exist, fields [" + tag + "] duplicated: values ['" + value + "']");
        assertThat(baseInfo(ids.get(1))).as("the refused update wrote nothing").isEqualTo(second);
    }

    @Test
    void givenHostsSharingAValue_whenCreatingARuleOnIt_thenItIsRefusedNamingTheDuplicateAndNoRuleIsAdded() {
        String tag = aName("tag");
        long tagId = createAttribute(admin, singlechar(tag)).get("id").asLong();
        List<Long> ids = hosts(aBusiness(), host(anIp()), host(anIp()));
        String shared = aName("shared");
        update(ids.get(0), tag, shared);
        update(ids.get(1), tag, shared);
        int rulesBefore = rules().size();

        assertRefusal(admin.v3("create_object_unique", json(ruleOn(tagId))),
                1113039, "Failed to create unique index, value ['" + shared + "'] duplicated: fields [" + tag + "]");
        assertThat(rules()).hasSize(rulesBefore);
    }

    @Test
    void givenRuleOnTheSameKeys_whenCreatingIt_thenTheExistingRuleIsNamed() {
        long tag = createAttribute(admin, singlechar(aName("tag"))).get("id").asLong();
        long existing = createRule(tag);

        assertRuleRefused(ruleOn(tag), 1113050, "a unique rule with the same keys already exists: rule " + existing);
    }

    @Test
    void givenRuleOnASupersetOfAnExistingRule_whenCreatingIt_thenItIsRedundant() {
        long tag = createAttribute(admin, singlechar(aName("tag"))).get("id").asLong();
        long other = createAttribute(admin, singlechar(aName("other"))).get("id").asLong();
        long existing = createRule(tag);

        assertRuleRefused(ruleOn(tag, other), 1113051,
                "unique rule " + existing + " already checks a subset of these keys, so the new rule is redundant");
    }

    @Test
    void givenRuleOnASubsetOfAnExistingRule_whenCreatingIt_thenItWouldMakeThatOneRedundant() {
        long tag = createAttribute(admin, singlechar(aName("tag"))).get("id").asLong();
        long other = createAttribute(admin, singlechar(aName("other"))).get("id").asLong();
        long existing = createRule(tag, other);

        assertRuleRefused(ruleOn(tag), 1113052, "unique rule " + existing + " checks a superset of these keys and the new"
                + " rule would make it redundant; delete that rule first");
    }

    @Test
    void givenBusinessCustomFieldAsKey_whenCreatingRule_thenTheKeyIsNotAllowed() {
        long rack = createCustomField(aBusiness(), singlechar(aName("rack"))).get("id").asLong();

        assertRuleRefused(ruleOn(rack), 1199006, "'keys' data parameter verification does not pass: " + rack + " is not an allowed value");
    }

    @Test
    void givenUnknownAttribute_whenCreatingRule_thenTheKeyDoesNotExist() {
        assertRuleRefused(ruleOn(99_999), 1199006, "'keys' data parameter verification does not pass: 99999 does not exist");
    }

    @Test
    void givenNoKeys_whenCreatingRule_thenKeysAreUnassigned() {
        assertRuleRefused(fields("keys", List.of()), 1199010, "'keys' unassigned");
    }

    @Test
    void givenKeyOfAnotherKind_whenCreatingRule_thenTheKindIsInvalid() {
        assertRuleRefused(fields("keys", List.of(fields("key_kind", "association", "key_id", 1))),
                1101166, "unique constrains key kind [association] invalid, only property is supported");
    }

    @Test
    void givenMaintainerOnly_whenCreatingRule_thenEditModelIsMissingAndNoRuleIsAdded() {
        long tag = createAttribute(admin, singlechar(aName("tag"))).get("id").asLong();
        int rulesBefore = rules().size();

        assertRefusal(client(MAINTAINER).v3("create_object_unique", json(ruleOn(tag))), 9900403, "no permissions: edit_model");
        assertThat(rules()).hasSize(rulesBefore);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenUserRule_whenDeletingIt_thenItIsNoLongerListed(Door door) {
        long rule = createRule(createAttribute(admin, singlechar(aName("tag"))).get("id").asLong());

        assertThat(assertSucceeded(admin.call(door, "delete_object_unique", json(fields("id", rule)))).isNull()).isTrue();

        assertThat(rules().findValuesAsText("id")).doesNotContain(String.valueOf(rule));
    }

    @Test
    void givenBuiltInRules_whenDeletingEach_thenEachIsRefusedAndStaysListed() {
        JsonNode before = rules();
        List<Long> builtIn = new ArrayList<>();
        before.forEach(rule -> {
            if (rule.get("ispre").asBoolean()) {
                builtIn.add(rule.get("id").asLong());
            }
        });

        for (long rule : builtIn) {
            assertRefusal(admin.esb("delete_object_unique", json(fields("id", rule))),
                    1101167, "built-in items cannot be changed or deleted: 'id' " + rule);
        }
        assertThat(builtIn).hasSize(4);
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    void givenUnknownRule_whenDeletingIt_thenItDoesNotExistAndTheRulesStay() {
        createRule(createAttribute(admin, singlechar(aName("tag"))).get("id").asLong());
        JsonNode before = rules();

        assertRefusal(admin.v3("delete_object_unique", json(fields("id", 99_999))),
                1199006, "'id' data parameter verification does not pass: 99999 does not exist");
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    void givenNoRuleId_whenDeletingThroughEsb_thenIdIsUnassignedAndTheRulesStay() {
        createRule(createAttribute(admin, singlechar(aName("tag"))).get("id").asLong());
        JsonNode before = rules();

        assertRefusal(admin.esb("delete_object_unique", json(fields())), 1199010, "'id' unassigned");
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    void givenMaintainerOnly_whenDeletingRule_thenEditModelIsMissingAndTheRuleStays() {
        long rule = createRule(createAttribute(admin, singlechar(aName("tag"))).get("id").asLong());

        assertRefusal(client(MAINTAINER).esb("delete_object_unique", json(fields("id", rule))), 9900403, "no permissions: edit_model");
        assertThat(ruleKeys(rule)).hasSize(1);
    }

    @Test
    void givenNewGlobalAttribute_whenCloningRightAfter_thenItIsCopied() {
        long business = aBusiness();
        List<Long> ids = hosts(business, host(anIp()), host(anIp()));
        cloneById(admin, business, ids.get(0), ids.get(1));
        String team = aName("team");
        createAttribute(admin, singlechar(team));
        update(ids.get(0), team, "storage");

        cloneById(admin, business, ids.get(0), ids.get(1));

        assertThat(baseInfo(ids.get(1)).get(team).asText()).isEqualTo("storage");
    }

    @Test
    void givenBusinessCustomField_whenCloning_thenItIsCopiedWithinItsBusinessOnly() {
        long owner = aBusiness();
        long other = aBusiness();
        String rack = aName("rack");
        createCustomField(owner, singlechar(rack));
        List<Long> own = hosts(owner, host(anIp()), host(anIp()));
        List<Long> foreign = hosts(other, host(anIp(), "bk_comment", "other's"), host(anIp()));
        update(own.get(0), rack, "R-12");

        cloneById(admin, owner, own.get(0), own.get(1));
        cloneById(admin, other, foreign.get(0), foreign.get(1));

        assertThat(baseInfo(own.get(1)).get(rack).asText()).isEqualTo("R-12");
        assertThat(baseInfo(foreign.get(1))).doesNotContainKey(rack).containsKey("bk_comment");
        assertRefusal(updateOne(admin, Door.ESB, foreign.get(0), fields(rack, "R-13")),
                1199006, "'update[0].properties." + rack + "' data parameter verification does not pass: no such attribute in the model");
    }

    @Test
    void givenNonEditableAttribute_whenCloning_thenItIsNeverCopied() {
        long business = aBusiness();
        String serial = aName("serial");
        createAttribute(admin, singlechar(serial, "editable", false));
        List<Long> ids = hosts(business, host(anIp(), serial, "S-1", "bk_comment", "copied"), host(anIp()));

        cloneById(admin, business, ids.get(0), ids.get(1));

        Map<String, JsonNode> destination = baseInfo(ids.get(1));
        assertThat(destination.get("bk_comment").asText()).isEqualTo("copied");
        assertThat(destination.get(serial).isNull()).isTrue();
        assertRefusal(updateOne(admin, Door.V3, ids.get(1), fields(serial, "S-2")),
                1199083, "field 'update[0].properties." + serial + "' may not be changed");
    }

    @Test
    void givenOuterIpRule_whenItIsDeleted_thenOuterIpIsClonedFromThenOn() {
        long business = aBusiness();
        String outerIp = anIp();
        List<Long> ids = hosts(business, host(anIp(), OUTER_IP, outerIp), host(anIp()));
        cloneById(admin, business, ids.get(0), ids.get(1));
        assertThat(baseInfo(ids.get(1)).get(OUTER_IP).isNull()).as("outer IP is in a unique rule").isTrue();

        assertSucceeded(admin.v3("delete_object_unique", json(fields("id", outerIpRule(admin)))));
        cloneById(admin, business, ids.get(0), ids.get(1));

        assertThat(baseInfo(ids.get(1)).get(OUTER_IP).asText()).isEqualTo(outerIp);
    }

    private JsonNode createCustomField(long business, Map<String, Object> definition) {
        return assertSucceeded(admin.esb("create_biz_custom_field", json(withBusiness(business, definition))));
    }

    private static Map<String, Object> withBusiness(long business, Map<String, Object> definition) {
        Map<String, Object> body = fields("bk_biz_id", business);
        body.putAll(definition);
        return body;
    }

    /** The attributes with this property id that {@code business} (null: no business) sees. */
    private List<JsonNode> attributesNamed(Door door, String propertyId, Long business) {
        Map<String, Object> condition = fields("bk_obj_id", "host", "bk_property_id", propertyId);
        if (business != null) {
            condition.put("bk_biz_id", business);
        }
        List<JsonNode> found = new ArrayList<>();
        assertSucceeded(admin.call(door, "search_object_attribute", json(condition))).forEach(found::add);
        return found;
    }

    private long attributeId(String propertyId) {
        return attributeIdOf(admin, propertyId);
    }

    private static Map<String, Object> ruleOn(long... attributeIds) {
        List<Map<String, Object>> keys = new ArrayList<>();
        for (long id : attributeIds) {
            keys.add(fields("key_kind", "property", "key_id", id));
        }
        return fields("keys", keys);
    }

    private long createRule(long... attributeIds) {
        return assertSucceeded(admin.esb("create_object_unique", json(ruleOn(attributeIds)))).get("id").asLong();
    }

    private void assertRuleRefused(Map<String, Object> body, long code, String message) {
        JsonNode before = rules();
        assertRefusal(admin.esb("create_object_unique", json(body)), code, message);
        assertThat(rules()).isEqualTo(before);
    }

    private JsonNode rules() {
        return assertSucceeded(admin.v3("search_object_unique", json(fields())));
    }

    private List<Long> ruleKeys(long ruleId) {
        for (JsonNode rule : rules()) {
            if (rule.get("id").asLong() == ruleId) {
                return keysOf(rule);
            }
        }
        return List.of();
    }

    private static Map<String, String> adminAuthorization() {
        return Map.of("X-Bkapi-Authorization", json(fields("bk_app_code", APP, "bk_app_secret", SECRET, "bk_username", ADMIN)));
    }
}
