package dev.hostclone.domain.host;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.cloud.CloudAreaId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A host as stored: its business, an optimistic-concurrency version that every write increments,
 * and its document, the attribute values BlueKing shows (identity fields included; IP lists as
 * comma strings). The document is what audit records snapshot.
 */
public record Host(HostId id, BusinessId business, long version, Map<String, Object> document) {

    public Host {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(business, "business");
        document = Documents.frozenSharingFields(document);
    }

    public CloudAreaId cloud() {
        Object cloud = document.get(HostFields.CLOUD_ID);
        return cloud instanceof Number number ? CloudAreaId.of(number.longValue()) : CloudAreaId.DEFAULT;
    }

    /** The inner IPv4 addresses, in stored order. */
    public List<String> innerIps() {
        return commaList(document.get(HostFields.INNER_IP));
    }

    /** The inner IPv6 addresses, in stored (canonical) order. */
    public List<String> innerIpsV6() {
        return commaList(document.get(HostFields.INNER_IP_V6));
    }

    /** Whether any inner address of the IP's family equals it. */
    public boolean hasInnerIp(IpAddress ip) {
        Object list = document.get(ip.isV4() ? HostFields.INNER_IP : HostFields.INNER_IP_V6);
        return list != null && commaListContains(list.toString(), ip.text());
    }

    /**
     * What audit records call the host: its inner IPv4 list as stored, or, for a host with IPv6 inner addresses
     * alone, its IPv6 list (until 2026-12-06 an empty name, which no search of the trail found).
     */
    public String resourceName() {
        Object ips = document.get(HostFields.INNER_IP);
        if (ips == null || ips.toString().isEmpty()) {
            ips = document.get(HostFields.INNER_IP_V6);
        }
        return ips == null ? "" : ips.toString();
    }

    public Object value(String field) {
        return document.get(field);
    }

    /** The same host after a write: the given fields replaced, version incremented. */
    public Host with(Map<String, Object> changes) {
        return new Host(id, business, version + 1, Documents.merged(document, changes));
    }

    /**
     * {@code commaList(list).contains(item)}, parts trimmed as {@link String#trim} trims them, without
     * splitting the list: every clone by IP asks it.
     */
    static boolean commaListContains(String list, String item) {
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            int from = start;
            int to = end;
            while (from < to && list.charAt(from) <= ' ') {
                from++;
            }
            while (to > from && list.charAt(to - 1) <= ' ') {
                to--;
            }
            if (to - from == item.length() && !item.isEmpty() && list.regionMatches(from, item, 0, item.length())) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    public static List<String> commaList(Object value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.toString().split(","))
                .map(String::trim)
                .filter(part -> !part.isEmpty())
                .toList();
    }
}
