package dev.hostclone.domain.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CloneRequestParserTest {

    @Test
    void givenIpPair_whenParsing_thenCommandSelectsByInnerIpInDefaultCloud() {
        CloneHostPropertyCommand command = parse(2L, null, "10.0.0.1", "10.0.0.2", null, null);

        assertThat(command.business().value()).isEqualTo(2);
        assertThat(command.cloud().value()).isZero();
        assertThat(command.hosts()).isEqualTo(
                new HostSelector.ByInnerIp(IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.2")));
    }

    @Test
    void givenIdPairAndCloud_whenParsing_thenCommandSelectsByIdInThatCloud() {
        CloneHostPropertyCommand command = parse(2L, 5L, null, null, 10L, 11L);

        assertThat(command.cloud().value()).isEqualTo(5);
        assertThat(command.hosts()).isEqualTo(new HostSelector.ById(HostId.of(10), HostId.of(11)));
    }

    @Test
    void givenNoBusiness_whenParsing_thenBizIdMustBeIntegral() {
        assertRejected(() -> parse(null, null, "10.0.0.1", "10.0.0.2", null, null),
                new Failure.NotAnInteger("bk_biz_id"));
    }

    @Test
    void givenZeroBusiness_whenParsing_thenBizIdMustBeIntegral() {
        assertRejected(() -> parse(0L, null, "10.0.0.1", "10.0.0.2", null, null),
                new Failure.NotAnInteger("bk_biz_id"));
    }

    @Test
    void givenNegativeCloud_whenParsing_thenCloudIdMustBeIntegral() {
        assertRejected(() -> parse(2L, -1L, "10.0.0.1", "10.0.0.2", null, null),
                new Failure.NotAnInteger("bk_cloud_id"));
    }

    @Test
    void givenBadBusinessAndMixedHosts_whenParsing_thenBusinessIsReportedFirst() {
        assertRejected(() -> parse(-3L, null, "10.0.0.1", null, 10L, null),
                new Failure.NotAnInteger("bk_biz_id"));
    }

    @Test
    void givenIpAndIdMixed_whenParsing_thenCombinationIsInvalid() {
        assertRejected(() -> parse(2L, null, "10.0.0.1", null, null, 11L),
                new Failure.InvalidCombination("bk_org_ip"));
    }

    @Test
    void givenMixedWithInvalidIp_whenParsing_thenMixingIsReportedBeforeTheIp() {
        assertRejected(() -> parse(2L, null, "not-an-ip", "10.0.0.2", 10L, 11L),
                new Failure.InvalidCombination("bk_org_ip"));
    }

    @Test
    void givenNeitherPair_whenParsing_thenCombinationIsInvalid() {
        assertRejected(() -> parse(2L, null, "", null, 0L, null),
                new Failure.InvalidCombination(CloneRequestParser.NEITHER_PAIR));
    }

    @Test
    void givenOnlySourceIp_whenParsing_thenDestinationIpIsNamed() {
        assertRejected(() -> parse(2L, null, "10.0.0.1", null, null, null),
                new Failure.InvalidCombination("bk_dst_ip"));
    }

    @Test
    void givenOnlyDestinationIp_whenParsing_thenSourceIpIsNamed() {
        assertRejected(() -> parse(2L, null, "", "10.0.0.2", null, null),
                new Failure.InvalidCombination("bk_org_ip"));
    }

    @Test
    void givenIpWithNegativeId_whenParsing_thenTheMissingIpIsNamed() {
        assertRejected(() -> parse(2L, null, "10.0.0.1", null, -4L, null),
                new Failure.InvalidCombination("bk_dst_ip"));
    }

    @Test
    void givenIpPairWithNegativeSourceId_whenParsing_thenSourceIdIsNamed() {
        assertRejected(() -> parse(2L, null, "10.0.0.1", "10.0.0.2", -1L, null),
                new Failure.InvalidCombination("bk_org_id"));
    }

    @Test
    void givenIpPairWithNegativeDestinationId_whenParsing_thenDestinationIdIsNamedBeforeTheIp() {
        assertRejected(() -> parse(2L, null, "10.0.0.1", "not-an-ip", 0L, -2L),
                new Failure.InvalidCombination("bk_dst_id"));
    }

    @Test
    void givenNegativeSourceId_whenParsing_thenSourceIdIsNamed() {
        assertRejected(() -> parse(2L, null, null, null, -1L, 11L),
                new Failure.InvalidCombination("bk_org_id"));
    }

    @Test
    void givenOnlyNegativeIds_whenParsing_thenTheNegativeIdIsNamed() {
        assertRejected(() -> parse(2L, null, null, null, 0L, -7L),
                new Failure.InvalidCombination("bk_dst_id"));
    }

    @Test
    void givenOnlyOneId_whenParsing_thenTheOtherIdIsNamed() {
        assertRejected(() -> parse(2L, null, null, null, 10L, null),
                new Failure.InvalidCombination("bk_dst_id"));
    }

    @Test
    void givenSourceIpNotAnAddress_whenParsing_thenItIsInvalidBeforeAnyLookup() {
        assertRejected(() -> parse(2L, null, "127.0.1", "10.0.0.2", null, null),
                new Failure.InvalidValue("bk_org_ip", InvalidReason.NOT_AN_IP, "127.0.1"));
    }

    @Test
    void givenDestinationCommaList_whenParsing_thenItIsInvalid() {
        assertRejected(() -> parse(2L, null, "10.0.0.1", "10.0.0.2,10.0.0.3", null, null),
                new Failure.InvalidValue("bk_dst_ip", InvalidReason.NOT_AN_IP, "10.0.0.2,10.0.0.3"));
    }

    @Test
    void givenWhitespaceOnlyIp_whenParsing_thenItCountsAsGivenAndIsInvalid() {
        assertRejected(() -> parse(2L, null, " ", "10.0.0.2", null, null),
                new Failure.InvalidValue("bk_org_ip", InvalidReason.NOT_AN_IP, " "));
    }

    @Test
    void givenIpv6Pair_whenParsing_thenAddressesAreCanonical() {
        CloneHostPropertyCommand command = parse(2L, null, "fe80::1", "FE80::2", null, null);

        assertThat(command.hosts()).isEqualTo(new HostSelector.ByInnerIp(
                IpAddress.of("fe80:0000:0000:0000:0000:0000:0000:0001"),
                IpAddress.of("fe80:0000:0000:0000:0000:0000:0000:0002")));
    }

    @Test
    void givenSameIpOnBothSides_whenParsing_thenCommandIsTheNoOpItself() {
        assertThat(parse(2L, null, "10.0.0.1", "10.0.0.1", null, null).hosts().sameOnBothSides()).isTrue();
        assertThat(parse(2L, null, null, null, 7L, 7L).hosts().sameOnBothSides()).isTrue();
    }

    private static CloneHostPropertyCommand parse(Long biz, Long cloud, String orgIp, String dstIp, Long orgId, Long dstId) {
        return CloneRequestParser.parse(new CloneParameters(biz, cloud, orgIp, dstIp, orgId, dstId));
    }

    private static void assertRejected(ThrowingCallable call, Failure expected) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }
}
