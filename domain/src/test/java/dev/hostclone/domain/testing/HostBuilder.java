package dev.hostclone.domain.testing;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builds hosts that read like prose: {@code aHost().withInnerIp("10.0.0.1").inCloud(0).build()}. */
public final class HostBuilder {

    private static final AtomicLong NEXT_ID = new AtomicLong(1000);

    private long id = NEXT_ID.incrementAndGet();
    private long business = 2;
    private long version = 1;
    private final Map<String, Object> document = new LinkedHashMap<>();

    private HostBuilder() {
        document.put(HostFields.CLOUD_ID, 0L);
        document.put(HostFields.ADDRESSING, HostFields.ADDRESSING_STATIC);
    }

    public static HostBuilder aHost() {
        return new HostBuilder();
    }

    public HostBuilder withId(long hostId) {
        this.id = hostId;
        return this;
    }

    public HostBuilder inBusiness(long businessId) {
        this.business = businessId;
        return this;
    }

    public HostBuilder inCloud(long cloudId) {
        document.put(HostFields.CLOUD_ID, cloudId);
        return this;
    }

    public HostBuilder withInnerIp(String ips) {
        document.put(HostFields.INNER_IP, ips);
        return this;
    }

    public HostBuilder withInnerIpV6(String ips) {
        document.put(HostFields.INNER_IP_V6, ips);
        return this;
    }

    public HostBuilder dynamic() {
        document.put(HostFields.ADDRESSING, HostFields.ADDRESSING_DYNAMIC);
        return this;
    }

    public HostBuilder atVersion(long hostVersion) {
        this.version = hostVersion;
        return this;
    }

    public HostBuilder with(String field, Object value) {
        document.put(field, value);
        return this;
    }

    public HostBuilder with(Map<String, Object> fields) {
        document.putAll(fields);
        return this;
    }

    public Host build() {
        Map<String, Object> withId = new LinkedHashMap<>();
        withId.put(HostFields.HOST_ID, id);
        withId.putAll(document);
        return new Host(HostId.of(id), BusinessId.of(business), version, withId);
    }
}
