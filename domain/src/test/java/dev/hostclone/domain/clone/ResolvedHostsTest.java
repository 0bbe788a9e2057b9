package dev.hostclone.domain.clone;

import static dev.hostclone.domain.testing.HostBuilder.aHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvedHostsTest {

    private static final CloudAreaId DEFAULT = CloudAreaId.DEFAULT;

    @Test
    void givenMultiIpHosts_whenResolvingByAnyOfTheirIps_thenBothAreFound() {
        Host source = aHost().withInnerIp("10.0.0.1,10.0.0.9").build();
        Host destination = aHost().withInnerIp("10.0.0.2").build();

        ResolvedHosts resolved = ResolvedHosts.resolve(byIp("10.0.0.9", "10.0.0.2"), DEFAULT, List.of(source, destination));

        assertThat(resolved.source()).isEqualTo(source);
        assertThat(resolved.destination()).isEqualTo(destination);
        assertThat(resolved.sameHost()).isFalse();
    }

    @Test
    void givenBothIpsOnOneHost_whenResolving_thenItIsTheSameHost() {
        Host host = aHost().withInnerIp("10.0.0.1,10.0.0.2").build();

        assertThat(ResolvedHosts.resolve(byIp("10.0.0.1", "10.0.0.2"), DEFAULT, List.of(host)).sameHost()).isTrue();
    }

    @Test
    void givenSourceAndTargetInDifferentClouds_whenCloningByIp_thenSourceIsNotFound() {
        Host source = aHost().withInnerIp("10.0.0.1").inCloud(5).build();
        Host destination = aHost().withInnerIp("10.0.0.2").build();

        assertRejected(() -> ResolvedHosts.resolve(byIp("10.0.0.1", "10.0.0.2"), DEFAULT, List.of(source, destination)),
                new Failure.InvalidValue("bk_org_ip", InvalidReason.NO_HOST_MATCHES, "10.0.0.1"));
    }

    @Test
    void givenUnknownDestinationIp_whenResolving_thenDestinationIsNamed() {
        Host source = aHost().withInnerIp("10.0.0.1").build();

        assertRejected(() -> ResolvedHosts.resolve(byIp("10.0.0.1", "10.0.0.2"), DEFAULT, List.of(source)),
                new Failure.InvalidValue("bk_dst_ip", InvalidReason.NO_HOST_MATCHES, "10.0.0.2"));
    }

    @Test
    void givenIpSharedByTwoDynamicHosts_whenResolving_thenItIsAmbiguous() {
        Host first = aHost().withInnerIp("10.0.0.1").dynamic().build();
        Host second = aHost().withInnerIp("10.0.0.1").dynamic().build();
        Host destination = aHost().withInnerIp("10.0.0.2").build();

        assertRejected(() -> ResolvedHosts.resolve(byIp("10.0.0.1", "10.0.0.2"), DEFAULT, List.of(first, second, destination)),
                new Failure.InvalidValue("bk_org_ip", InvalidReason.AMBIGUOUS_IP, "10.0.0.1"));
    }

    @Test
    void givenHostsByIdInAnotherCloud_whenResolvingInDefaultCloud_thenSourceIdIsNotFound() {
        Host source = aHost().withId(10).inCloud(5).build();
        Host destination = aHost().withId(11).inCloud(5).build();

        assertRejected(() -> ResolvedHosts.resolve(byId(10, 11), DEFAULT, List.of(source, destination)),
                new Failure.InvalidValue("bk_org_id", InvalidReason.NO_HOST_MATCHES, 10L));
        assertThat(ResolvedHosts.resolve(byId(10, 11), CloudAreaId.of(5), List.of(source, destination)).source())
                .isEqualTo(source);
    }

    @Test
    void givenMissingDestinationId_whenResolving_thenDestinationIdIsNamed() {
        Host source = aHost().withId(10).build();

        assertRejected(() -> ResolvedHosts.resolve(byId(10, 11), DEFAULT, List.of(source)),
                new Failure.InvalidValue("bk_dst_id", InvalidReason.NO_HOST_MATCHES, 11L));
    }

    @Test
    void givenIpv6Selector_whenResolving_thenInnerIpv6IsMatched() {
        Host source = aHost().withInnerIpV6("fe80:0000:0000:0000:0000:0000:0000:0001").build();
        Host destination = aHost().withInnerIp("10.0.0.2").withInnerIpV6("fe80:0000:0000:0000:0000:0000:0000:0002").build();

        ResolvedHosts resolved = ResolvedHosts.resolve(byIp("fe80::1", "fe80::2"), DEFAULT, List.of(source, destination));

        assertThat(resolved.destination()).isEqualTo(destination);
    }

    /** A message quotes the address as the caller wrote it, not the full form it is stored and compared in. */
    @Test
    void givenAnIpv6DestinationInShortFormThatNoHostHas_whenResolving_thenTheMessageQuotesItAsSent() {
        Host source = aHost().withInnerIpV6("fd00:0000:0000:0000:0000:0000:0000:0001").dynamic().build();
        Host twin = aHost().withInnerIpV6("fd00:0000:0000:0000:0000:0000:0000:0001").dynamic().build();

        assertRejected(() -> ResolvedHosts.resolve(byIp("fd00::1", "FD00::9"), DEFAULT, List.of(source)),
                new Failure.InvalidValue("bk_dst_ip", InvalidReason.NO_HOST_MATCHES, "FD00::9"));
        assertRejected(() -> ResolvedHosts.resolve(byIp("fd00:0:0::1", "fd00::9"), DEFAULT, List.of(source, twin)),
                new Failure.InvalidValue("bk_org_ip", InvalidReason.AMBIGUOUS_IP, "fd00:0:0::1"));
    }

    private static HostSelector byIp(String source, String destination) {
        return new HostSelector.ByInnerIp(IpAddress.of(source), IpAddress.of(destination));
    }

    private static HostSelector byId(long source, long destination) {
        return new HostSelector.ById(HostId.of(source), HostId.of(destination));
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Failure expected) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }
}
