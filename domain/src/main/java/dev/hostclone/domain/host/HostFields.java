package dev.hostclone.domain.host;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Names of the host fields that the rules single out. */
public final class HostFields {

    public static final String HOST_ID = "bk_host_id";
    public static final String CLOUD_ID = "bk_cloud_id";
    public static final String INNER_IP = "bk_host_innerip";
    public static final String INNER_IP_V6 = "bk_host_innerip_v6";
    public static final String OUTER_IP = "bk_host_outerip";
    public static final String OUTER_IP_V6 = "bk_host_outerip_v6";
    public static final String ADDRESSING = "bk_addressing";
    public static final String CREATE_TIME = "create_time";
    public static final String LAST_TIME = "last_time";
    public static final String CREATED_AT = "bk_created_at";
    public static final String CREATED_BY = "bk_created_by";
    public static final String UPDATED_AT = "bk_updated_at";
    public static final String UPDATED_BY = "bk_updated_by";

    public static final String ADDRESSING_STATIC = "static";
    public static final String ADDRESSING_DYNAMIC = "dynamic";

    /** Fields that identify a host or record its history: never cloned, never set by callers. */
    public static final Set<String> SYSTEM = Set.of(
            HOST_ID, CLOUD_ID, INNER_IP, INNER_IP_V6,
            CREATE_TIME, LAST_TIME, UPDATED_AT, UPDATED_BY, CREATED_AT, CREATED_BY);

    /** Fields that hold a comma list of IPv4 addresses. */
    public static final Set<String> IPV4_LISTS = Set.of(INNER_IP, OUTER_IP);

    /** Fields that hold a comma list of IPv6 addresses. */
    public static final Set<String> IPV6_LISTS = Set.of(INNER_IP_V6, OUTER_IP_V6);

    /**
     * The last stamp made. Under load tens of writes share a millisecond, and formatting each with
     * {@code ISO_INSTANT} was 1 % of the memory server's event loops at 32 connections; sharing the
     * string also keeps one copy in the memory store for all the host versions of that millisecond.
     */
    private static volatile Stamp lastStamp = new Stamp(Instant.MIN, "");

    private record Stamp(Instant instant, String text) {
    }

    private HostFields() {
    }

    /** How documents store a point in time: ISO-8601 in UTC with milliseconds, as BlueKing's API shows it. */
    public static String timestamp(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        Stamp last = lastStamp;
        if (last.instant().equals(millis)) {
            return last.text();
        }
        String text = DateTimeFormatter.ISO_INSTANT.format(millis);
        lastStamp = new Stamp(millis, text);
        return text;
    }

    /** {@code fields} plus the stamps every host write carries: {@code last_time}, {@code bk_updated_at}, {@code bk_updated_by}; frozen. */
    public static Map<String, Object> withUpdateStamp(Map<String, Object> fields, String user, Instant now) {
        Map<String, Object> stamps = new LinkedHashMap<>(4);
        String time = timestamp(now);
        stamps.put(LAST_TIME, time);
        stamps.put(UPDATED_AT, time);
        stamps.put(UPDATED_BY, user);
        return Documents.merged(fields, stamps);
    }

    public static boolean isIpList(String field) {
        return IPV4_LISTS.contains(field) || IPV6_LISTS.contains(field);
    }
}
