package dev.hostclone.domain.clone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import org.junit.jupiter.api.Test;

class HostSelectorTest {

    @Test
    void givenOneAddressInTwoForms_whenSelectingByIp_thenBothSidesAreTheSame() {
        assertThat(new HostSelector.ByInnerIp(IpAddress.of("fe80::1"), IpAddress.of("FE80:0:0:0:0:0:0:1"))
                .sameOnBothSides()).isTrue();
    }

    @Test
    void givenTwoAddresses_whenSelectingByIp_thenTheSidesDiffer() {
        assertThat(new HostSelector.ByInnerIp(IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.2"))
                .sameOnBothSides()).isFalse();
    }

    @Test
    void givenOneIdTwice_whenSelectingById_thenBothSidesAreTheSame() {
        assertThat(new HostSelector.ById(HostId.of(7), HostId.of(7)).sameOnBothSides()).isTrue();
    }

    @Test
    void givenTwoIds_whenSelectingById_thenTheSidesDiffer() {
        assertThat(new HostSelector.ById(HostId.of(7), HostId.of(8)).sameOnBothSides()).isFalse();
    }
}
