package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchKeysTest {

    private static final UniqueKey SN_A = UniqueKey.of(9, List.of("bk_sn"), List.of("SN-A"));
    private static final UniqueKey SN_B = UniqueKey.of(9, List.of("bk_sn"), List.of("SN-B"));

    @Test
    void givenTwoHostsOfABatchClaimingOneKey_whenChecked_thenDuplicatedNamesItsFieldsAndValues() {
        List<BatchKeys.Claim> claims = List.of(new BatchKeys.Claim(HostId.of(1), List.of(SN_A)),
                new BatchKeys.Claim(HostId.of(2), List.of(SN_B)), new BatchKeys.Claim(HostId.of(3), List.of(SN_A)));

        assertThatThrownBy(() -> BatchKeys.requireDistinct(claims)).isInstanceOfSatisfying(RejectedException.class,
                rejected -> assertThat(rejected.failure())
                        .isEqualTo(new Failure.Duplicated(List.of("bk_sn"), List.of("SN-A"))));
    }

    @Test
    void givenOneHostWrittenTwiceWithItsKey_whenChecked_thenNoCollision() {
        List<BatchKeys.Claim> claims = List.of(new BatchKeys.Claim(HostId.of(1), List.of(SN_A)),
                new BatchKeys.Claim(HostId.of(1), List.of(SN_A)), new BatchKeys.Claim(HostId.of(2), null));

        assertThatCode(() -> BatchKeys.requireDistinct(claims)).doesNotThrowAnyException();
    }
}
