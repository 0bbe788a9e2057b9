package dev.hostclone.domain.creation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewCloudAreaTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    @Test
    void givenNameAndOptionalProperties_whenChecking_thenTheAreaIsTheUsersWithTheTrimmedName() {
        CloudArea area = NewCloudArea.of(Map.of("bk_cloud_name", "  aws-east ", "bk_region", "us-east-1",
                "bk_account_id", 7L), "alice", NOW);

        assertThat(area.name()).isEqualTo("aws-east");
        assertThat(area.creator()).isEqualTo("alice");
        assertThat(area.createdAt()).isEqualTo(NOW);
        assertThat(area.properties()).isEqualTo(Map.of("bk_region", "us-east-1", "bk_account_id", 7L));
    }

    @Test
    void givenNoOrBlankName_whenChecking_thenNameIsUnassigned() {
        assertRejected(Map.of("bk_region", "x"), new Failure.MissingField("bk_cloud_name"));
        assertRejected(Map.of("bk_cloud_name", "   "), new Failure.MissingField("bk_cloud_name"));
    }

    @Test
    void givenNameThatIsNoStringOrTooLong_whenChecking_thenNameIsNamed() {
        assertRejected(Map.of("bk_cloud_name", 5L),
                new Failure.InvalidValue("bk_cloud_name", InvalidReason.WRONG_TYPE_OR_OPTION, 5L));
        assertRejected(Map.of("bk_cloud_name", "n".repeat(129)),
                new Failure.InvalidValue("bk_cloud_name", InvalidReason.TOO_LONG, "n".repeat(129)));
    }

    @Test
    void givenUnknownKeyOrAnId_whenChecking_thenTheKeyIsNamed() {
        Map<String, Object> given = new HashMap<>(Map.of("bk_cloud_name", "aws"));
        given.put("bk_cloud_id", 3L);

        assertRejected(given, new Failure.InvalidValue("bk_cloud_id", InvalidReason.UNKNOWN_ATTRIBUTE, null));
    }

    @Test
    void givenOptionalPropertyOfTheWrongType_whenChecking_thenItDoesNotFit() {
        assertRejected(Map.of("bk_cloud_name", "aws", "bk_account_id", "seven"),
                new Failure.InvalidValue("bk_account_id", InvalidReason.WRONG_TYPE_OR_OPTION, "seven"));
    }

    private static void assertRejected(Map<String, Object> given, Failure expected) {
        assertThatThrownBy(() -> NewCloudArea.of(given, "alice", NOW))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }
}
