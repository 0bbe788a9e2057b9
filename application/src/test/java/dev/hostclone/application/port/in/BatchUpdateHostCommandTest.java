package dev.hostclone.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** batch_update_host's request refuses its own shape, so no use case is called with a request it would refuse. */
class BatchUpdateHostCommandTest {

    @Test
    void givenOneTo500EntriesOfDifferentHosts_whenMade_thenItHoldsThemInOrder() {
        List<HostPropertiesUpdate> most = entries(BatchUpdateHostCommand.MAX_UPDATES);

        assertThat(new BatchUpdateHostCommand(most).updates()).isEqualTo(most);
        assertThat(new BatchUpdateHostCommand(entries(1)).updates()).hasSize(1);
    }

    @Test
    void givenNoEntryOrTooManyOrAHostTwiceOrNoProperties_whenMade_thenEachIsRefusedNamingIt() {
        assertThat(refusalOf(List.of())).isEqualTo(new Failure.MissingField("update"));
        assertThat(refusalOf(entries(BatchUpdateHostCommand.MAX_UPDATES + 1))).isEqualTo(new Failure.TooMany("update", 500));
        assertThat(refusalOf(List.of(entry(10, Map.of()))))
                .isEqualTo(new Failure.MissingField("update[0].properties"));
        assertThat(refusalOf(List.of(entry(10, Map.of("operator", "x")), entry(10, Map.of("bk_comment", "y")))))
                .isEqualTo(new Failure.Duplicated(List.of("bk_host_id"), List.of(10L)));
    }

    @Test
    void givenANullListOrEntry_whenMade_thenTheNullIsNamed() {
        assertThatNullPointerException().isThrownBy(() -> new BatchUpdateHostCommand(null)).withMessage("updates");
        assertThatNullPointerException()
                .isThrownBy(() -> new BatchUpdateHostCommand(Arrays.asList(entry(10, Map.of("operator", "x")), null)))
                .withMessage("updates[1] is null");
    }

    private static Failure refusalOf(List<HostPropertiesUpdate> updates) {
        RejectedException refused = catchThrowableOfType(() -> new BatchUpdateHostCommand(updates), RejectedException.class);
        assertThat(refused).as("refused").isNotNull();
        return refused.failure();
    }

    private static List<HostPropertiesUpdate> entries(int count) {
        return LongStream.rangeClosed(1, count).mapToObj(id -> entry(id, Map.of("operator", "x"))).toList();
    }

    private static HostPropertiesUpdate entry(long host, Map<String, Object> properties) {
        return new HostPropertiesUpdate(HostId.of(host), properties);
    }
}
