package dev.hostclone.domain.clone;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;

/**
 * Checks 2 to 5 of API.md §4, in that order; the first failure answers. (Check 1, JSON types, is
 * the HTTP adapter's.) An IP counts as given when non-empty, an id when positive.
 */
public final class CloneRequestParser {

    public static final String BIZ_ID = "bk_biz_id";
    public static final String CLOUD_ID = "bk_cloud_id";
    public static final String ORG_IP = "bk_org_ip";
    public static final String DST_IP = "bk_dst_ip";
    public static final String ORG_ID = "bk_org_id";
    public static final String DST_ID = "bk_dst_id";
    /** What a failure names when neither pair was given. */
    public static final String NEITHER_PAIR = ORG_IP + "/" + DST_IP + " or " + ORG_ID + "/" + DST_ID;

    private CloneRequestParser() {
    }

    /** @throws RejectedException naming the first parameter that fails */
    public static CloneHostPropertyCommand parse(CloneParameters in) {
        long biz = in.businessId() == null ? 0 : in.businessId();
        if (biz <= 0) {
            throw reject(new Failure.NotAnInteger(BIZ_ID));
        }
        long cloud = in.cloudId() == null ? 0 : in.cloudId();
        if (cloud < 0) {
            throw reject(new Failure.NotAnInteger(CLOUD_ID));
        }
        String orgIp = in.sourceIp() == null ? "" : in.sourceIp();
        String dstIp = in.destinationIp() == null ? "" : in.destinationIp();
        long orgId = in.sourceId() == null ? 0 : in.sourceId();
        long dstId = in.destinationId() == null ? 0 : in.destinationId();
        boolean anyIp = !orgIp.isEmpty() || !dstIp.isEmpty();
        boolean anyId = orgId > 0 || dstId > 0;

        if (anyIp && anyId) {
            throw reject(new Failure.InvalidCombination(orgIp.isEmpty() ? DST_IP : ORG_IP));
        }
        if (!anyIp && !anyId) {
            throw reject(new Failure.InvalidCombination(orgId < 0 ? ORG_ID : dstId < 0 ? DST_ID : NEITHER_PAIR));
        }
        if (anyIp && (orgIp.isEmpty() || dstIp.isEmpty())) {
            throw reject(new Failure.InvalidCombination(orgIp.isEmpty() ? ORG_IP : DST_IP));
        }
        // a negative id is refused in either mode: beside an IP pair it is not "given", yet not absent either
        if (orgId < 0 || dstId < 0) {
            throw reject(new Failure.InvalidCombination(orgId < 0 ? ORG_ID : DST_ID));
        }
        if (anyIp) {
            IpAddress source = ip(ORG_IP, orgIp);
            IpAddress destination = ip(DST_IP, dstIp);
            return CloneHostPropertyCommand.byInnerIp(BusinessId.of(biz), CloudAreaId.of(cloud), source, destination);
        }
        if (orgId == 0 || dstId == 0) {
            throw reject(new Failure.InvalidCombination(orgId == 0 ? ORG_ID : DST_ID));
        }
        return CloneHostPropertyCommand.byHostId(BusinessId.of(biz), CloudAreaId.of(cloud),
                HostId.of(orgId), HostId.of(dstId));
    }

    private static IpAddress ip(String field, String text) {
        return IpAddress.parse(text)
                .orElseThrow(() -> reject(new Failure.InvalidValue(field, InvalidReason.NOT_AN_IP, text)));
    }

    private static RejectedException reject(Failure failure) {
        return RejectedException.because(failure);
    }
}
