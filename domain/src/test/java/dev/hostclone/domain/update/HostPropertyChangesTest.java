package dev.hostclone.domain.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeType;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.PatternBudget;
import dev.hostclone.domain.testing.HostModels;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class HostPropertyChangesTest {

    private final HostModel model = HostModels.standard()
            .withAttribute(HostModels.customField(40, "rack", 2))
            .withAttribute(new Attribute(41, "bk_cloud_host_identifier", "id", "id", "default", AttributeType.BOOL,
                    null, true, true, true, true, false, null, "", "", "", HostModels.EPOCH));
    private static final HostId HOST = HostId.of(7);
    private final BusinessId biz = BusinessId.of(2);

    private record Entry(HostId host, Map<String, Object> properties) {
    }

    @Test
    void givenEditableAttributes_whenChecking_thenValuesComeBackInStoredForm() {
        assertThat(HostPropertyChanges.check(HOST, Map.of("bk_comment", "  db  ", "bk_cpu", 8L,
                "bk_host_outerip", "1.1.1.1, 2.2.2.2", "rack", "r1"), model, biz, PatternBudget.forOneRequest()))
                .isEqualTo(Map.of("bk_comment", "db", "bk_cpu", 8L, "bk_host_outerip", "1.1.1.1,2.2.2.2", "rack", "r1"));
    }

    @Test
    void givenNullValue_whenChecking_thenItClearsTheField() {
        assertThat(HostPropertyChanges.check(HOST, Collections.singletonMap("bk_comment", null), model, biz, PatternBudget.forOneRequest()))
                .containsEntry("bk_comment", null);
    }

    @Test
    void givenUnknownKeyOrAnotherBusinessField_whenChecking_thenItIsUnknown() {
        assertRejected(() -> HostPropertyChanges.check(HOST, Map.of("colour", "red"), model, biz, PatternBudget.forOneRequest()),
                new Failure.InvalidValue("colour", InvalidReason.UNKNOWN_ATTRIBUTE, null));
        assertRejected(() -> HostPropertyChanges.check(HOST, Map.of("rack", "r1"), model, BusinessId.of(3), PatternBudget.forOneRequest()),
                new Failure.InvalidValue("rack", InvalidReason.UNKNOWN_ATTRIBUTE, null));
    }

    @Test
    void givenIdentityOrNonEditableOrSystemField_whenChecking_thenEachMayNotBeChanged() {
        for (String field : List.of("bk_cloud_id", "bk_host_innerip", "bk_host_innerip_v6", "bk_asset_id",
                "bk_agent_id", "create_time", "bk_updated_by", "bk_cloud_host_identifier")) {
            assertRejected(() -> HostPropertyChanges.check(HOST, Map.of(field, "x"), model, biz, PatternBudget.forOneRequest()),
                    new Failure.Forbidden(field, InvalidReason.NOT_WRITABLE, null));
        }
    }

    @Test
    void givenTheHostsOwnIdAmongItsProperties_whenChecking_thenItIsLeftOutAndTheOthersKept() {
        assertThat(HostPropertyChanges.check(HOST, Map.of("bk_host_id", 7L, "bk_comment", "x"), model, biz, PatternBudget.forOneRequest()))
                .isEqualTo(Map.of("bk_comment", "x"));
    }

    /**
     * An embedding application's record echoes its id as Java writes it: an Integer is that id, as JSON's 7 is; and
     * JSON's 7.0 is 7, as it is for every whole number since 2026-12-07.
     */
    @Test
    void givenTheHostsOwnIdAsJavasIntOrWithAFraction_whenChecking_thenItIsLeftOutAsALongIs() {
        for (Object own : List.of(7, 7.0)) {
            assertThat(HostPropertyChanges.check(HOST, Map.of("bk_host_id", own, "bk_comment", "x"), model, biz,
                    PatternBudget.forOneRequest())).isEqualTo(Map.of("bk_comment", "x"));
        }
    }

    @Test
    void givenTheHostsOwnIdAlone_whenCheckingTheShape_thenPropertiesAreUnassigned() {
        assertRejected(() -> shape(List.of(entry(1), new Entry(HOST, Map.of("bk_host_id", HOST.value())))),
                new Failure.MissingField("update[1].properties"));
    }

    /** Only the id itself, as a JSON number, is an echo: anything else names another host, or none. */
    @Test
    void givenAnotherIdOrNotAnIdAmongTheProperties_whenChecking_thenBkHostIdMayNotBeChanged() {
        for (Object other : Arrays.asList(8L, -7L, "7", 7.5, true, null, List.of(7L))) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("bk_comment", "x");
            properties.put("bk_host_id", other);
            assertRejected(() -> HostPropertyChanges.check(HOST, properties, model, biz, PatternBudget.forOneRequest()),
                    new Failure.Forbidden("bk_host_id", InvalidReason.NOT_WRITABLE, null));
        }
    }

    @Test
    void givenValueOfTheWrongType_whenChecking_thenItIsRefusedAsWhenAdding() {
        assertRejected(() -> HostPropertyChanges.check(HOST, Map.of("bk_cpu", "eight"), model, biz, PatternBudget.forOneRequest()),
                new Failure.InvalidValue("bk_cpu", InvalidReason.WRONG_TYPE_OR_OPTION, "eight"));
        assertRejected(() -> HostPropertyChanges.check(HOST, Map.of("bk_sla", "9"), model, biz, PatternBudget.forOneRequest()),
                new Failure.InvalidValue("bk_sla", InvalidReason.NOT_ALLOWED, "9"));
    }

    @Test
    void givenWellShapedRequest_whenCheckingTheShape_thenItPasses() {
        HostPropertyChanges.requireShape(List.of(entry(1), entry(2)), Entry::host, Entry::properties, 500);
    }

    @Test
    void givenNoEntries_whenCheckingTheShape_thenUpdateIsUnassigned() {
        assertRejected(() -> shape(List.of()), new Failure.MissingField("update"));
    }

    @Test
    void givenEntriesOverTheLimit_whenCheckingTheShape_thenTheLimitIsNamed() {
        assertRejected(() -> HostPropertyChanges.requireShape(List.of(entry(1), entry(2), entry(3)),
                Entry::host, Entry::properties, 2), new Failure.TooMany("update", 2));
    }

    @Test
    void givenExactlyTheLimitOfEntries_whenCheckingTheShape_thenItPasses() {
        HostPropertyChanges.requireShape(List.of(entry(1), entry(2)), Entry::host, Entry::properties, 2);
    }

    @Test
    void givenOneHostTwice_whenCheckingTheShape_thenTheHostIdIsDuplicated() {
        assertRejected(() -> shape(List.of(entry(1), entry(2), entry(1))),
                new Failure.Duplicated(List.of("bk_host_id"), List.of(1L)));
    }

    @Test
    void givenEntryWithoutProperties_whenCheckingTheShape_thenPropertiesAreUnassigned() {
        assertRejected(() -> shape(List.of(entry(1), new Entry(HostId.of(2), Map.of()))),
                new Failure.MissingField("update[1].properties"));
    }

    private static Entry entry(long host) {
        return new Entry(HostId.of(host), Map.of("bk_comment", "x"));
    }

    private static void shape(List<Entry> entries) {
        HostPropertyChanges.requireShape(entries, Entry::host, Entry::properties, 500);
    }

    private static void assertRejected(ThrowingCallable call, Failure expected) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }
}
