package dev.hostclone.domain.host;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
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
     * The last stamp made, and its second as {@code ISO_INSTANT} formats it. Under load on memory tens of
     * writes share a millisecond, and sharing the string keeps one copy in the memory store for all the host
     * versions of that millisecond; on PostgreSQL a few clones share one, and formatting each stamp whole
     * was 3.3 µs of the server's 149 per clone at 32 connections, where a stamp's second is formatted once
     * a second and its milliseconds appended.
     */
    private static volatile Stamp lastStamp = new Stamp(Long.MIN_VALUE, 0, "", "");

    /** {@code secondText}: the second, formatted, without the zone's {@code Z}; {@code text}: the whole stamp. */
    private record Stamp(long second, int millis, String secondText, String text) {
    }

    private HostFields() {
    }

    /**
     * How documents store a point in time: ISO-8601 in UTC with milliseconds, as BlueKing's API shows it,
     * and as {@code ISO_INSTANT} formats the instant's millisecond: no fraction when it is a whole second.
     */
    public static String timestamp(Instant instant) {
        long second = instant.getEpochSecond();
        int millis = instant.getNano() / 1_000_000;
        Stamp last = lastStamp;
        if (last.second() == second && last.millis() == millis) {
            return last.text();
        }
        String secondText = last.second() == second ? last.secondText() : secondText(second);
        String text = millis == 0 ? secondText + "Z" : new StringBuilder(secondText.length() + 5).append(secondText)
                .append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append('Z').toString();
        lastStamp = new Stamp(second, millis, secondText, text);
        return text;
    }

    private static String secondText(long second) {
        String whole = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second));
        return whole.substring(0, whole.length() - 1);
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
