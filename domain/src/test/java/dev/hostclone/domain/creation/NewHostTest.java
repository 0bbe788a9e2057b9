package dev.hostclone.domain.creation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.PatternBudget;
import dev.hostclone.domain.testing.HostModels;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewHostTest {

    private final HostModel model = HostModels.standard().withAttribute(HostModels.customField(40, "rack", 2));
    private final BusinessId biz = BusinessId.of(2);

    @Test
    void givenIpCloudAndAttributes_whenChecking_thenDocumentIsStaticByDefault() {
        Map<String, Object> document = NewHost.document(
                Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L, "operator", "alice"), model, biz, PatternBudget.forOneRequest());

        assertThat(document).containsEntry("bk_host_innerip", "10.0.0.1")
                .containsEntry("bk_cloud_id", 0L)
                .containsEntry("bk_addressing", "static")
                .containsEntry("operator", "alice");
    }

    /** An embedding application's {@code Map.of("bk_cloud_id", 0)} holds an Integer: the default area, as JSON's 0. */
    @Test
    void givenJavasIntForTheCloudArea_whenChecking_thenItIsKeptAsALong() {
        Map<String, Object> document = NewHost.document(Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0, "bk_cpu", 16),
                model, biz, PatternBudget.forOneRequest());

        assertThat(document).containsEntry("bk_cloud_id", 0L).containsEntry("bk_cpu", 16L);
    }

    /** A JSON null is an absent field, as for bk_cloud_id: API.md §5's default applies. */
    @Test
    void givenAddressingNull_whenChecking_thenTheDocumentIsStatic() {
        Map<String, Object> given = new HashMap<>(Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L));
        given.put("bk_addressing", null);

        assertThat(NewHost.document(given, model, biz, PatternBudget.forOneRequest())).containsEntry("bk_addressing", "static");
    }

    @Test
    void givenNoCloud_whenChecking_thenCloudIdIsInvalid() {
        assertRejected(Map.of("bk_host_innerip", "10.0.0.1"),
                new Failure.InvalidValue("bk_cloud_id", InvalidReason.DOES_NOT_EXIST, null));
    }

    @Test
    void givenNoInnerAddress_whenChecking_thenEitherFamilyIsRequired() {
        assertRejected(Map.of("bk_cloud_id", 0L), new Failure.MissingField(NewHost.INNER_IP_EITHER));
    }

    @Test
    void givenUnknownKey_whenChecking_thenItIsNamedNotDropped() {
        assertRejected(Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L, "colour", "red"),
                new Failure.InvalidValue("colour", InvalidReason.UNKNOWN_ATTRIBUTE, null));
    }

    @Test
    void givenCustomFieldOfAnotherBusiness_whenChecking_thenItIsUnknown() {
        Map<String, Object> given = Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L, "rack", "r1");

        assertThatThrownBy(() -> NewHost.document(given, model, BusinessId.of(3), PatternBudget.forOneRequest()))
                .isInstanceOf(RejectedException.class);
        assertThat(NewHost.document(given, model, biz, PatternBudget.forOneRequest())).containsEntry("rack", "r1");
    }

    @Test
    void givenSystemField_whenChecking_thenItIsNotWritable() {
        assertRejected(Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L, "create_time", "2020-01-01 00:00:00"),
                new Failure.InvalidValue("create_time", InvalidReason.NOT_WRITABLE, null));
    }

    @Test
    void givenUnknownAddressing_whenChecking_thenItIsNotAllowed() {
        assertRejected(Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L, "bk_addressing", "sometimes"),
                new Failure.InvalidValue("bk_addressing", InvalidReason.NOT_ALLOWED, "sometimes"));
    }

    @Test
    void givenInvalidInnerIpInList_whenChecking_thenInnerIpIsNotAnIp() {
        Map<String, Object> given = new HashMap<>(Map.of("bk_host_innerip", "10.0.0.1,10.0.0", "bk_cloud_id", 0L));

        assertRejected(given, new Failure.InvalidValue("bk_host_innerip", InvalidReason.NOT_AN_IPV4, "10.0.0.1,10.0.0"));
    }

    private void assertRejected(Map<String, Object> given, Failure expected) {
        assertThatThrownBy(() -> NewHost.document(given, model, biz, PatternBudget.forOneRequest()))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }
}
