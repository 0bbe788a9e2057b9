package dev.hostclone.adapter.persistence;

import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueKeys;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test hosts that read like prose: {@code aHost().withInnerIp("10.0.0.1").inCloud(0).build()}, as a
 * store receives them: with the creation and update stamps, as a creation with its keys and record, or
 * as an update. Ids count up from a large base unless given, so they never meet ids a store allocates.
 */
public final class HostBuilder {

    /** The model every builder computes unique keys with: the built-in one, as both stores start with. */
    public static final HostModel MODEL = BuiltInHostModel.load(Instant.EPOCH);
    public static final Actor ACTOR = new Actor("test-app", "admin", "rid-test");
    private static final AtomicLong NEXT_ID = new AtomicLong(1_000_000);

    private long id = NEXT_ID.incrementAndGet();
    private long business = 1;
    private long cloud = 0;
    private final List<String> innerIps = new ArrayList<>();
    private final List<String> innerIpsV6 = new ArrayList<>();
    private boolean dynamic;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private Instant createdAt = now();

    private HostBuilder() {
    }

    public static HostBuilder aHost() {
        return new HostBuilder();
    }

    /** What a test's clock says: milliseconds, like the timestamps hosts carry. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public HostBuilder withId(long hostId) {
        this.id = hostId;
        return this;
    }

    public HostBuilder withId(HostId hostId) {
        return withId(hostId.value());
    }

    public HostBuilder inBusiness(long businessId) {
        this.business = businessId;
        return this;
    }

    public HostBuilder inCloud(long cloudId) {
        this.cloud = cloudId;
        return this;
    }

    public HostBuilder withInnerIp(String... ips) {
        innerIps.addAll(List.of(ips));
        return this;
    }

    public HostBuilder withInnerIpV6(String... ips) {
        innerIpsV6.addAll(List.of(ips));
        return this;
    }

    public HostBuilder dynamic() {
        this.dynamic = true;
        return this;
    }

    public HostBuilder with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public HostBuilder createdAt(Instant when) {
        this.createdAt = when;
        return this;
    }

    /** The host, its document laid out by the domain's test builder plus the fields every stored host has. */
    public Host build() {
        dev.hostclone.domain.testing.HostBuilder host = dev.hostclone.domain.testing.HostBuilder.aHost()
                .withId(id)
                .inBusiness(business)
                .inCloud(cloud);
        if (!innerIps.isEmpty()) {
            host.withInnerIp(String.join(",", innerIps));
        }
        if (!innerIpsV6.isEmpty()) {
            host.withInnerIpV6(String.join(",", innerIpsV6));
        }
        if (dynamic) {
            host.dynamic();
        }
        String timestamp = HostFields.timestamp(createdAt);
        return host.with("import_from", "3")
                .with(HostFields.CREATE_TIME, timestamp)
                .with(HostFields.CREATED_AT, timestamp)
                .with(HostFields.CREATED_BY, ACTOR.user())
                .with(stamps(ACTOR.user(), createdAt))
                .with(fields)
                .build();
    }

    /** The host as the application hands it to {@code createHosts}: keys by the built-in model, a create record. */
    public HostCreation buildCreation() {
        return creationOf(build());
    }

    public static HostCreation creationOf(Host host) {
        return creationOf(host, MODEL);
    }

    /** A creation whose keys follow {@code model}, as the application computes them after reading it. */
    public static HostCreation creationOf(Host host, HostModel model) {
        Object created = host.value(HostFields.CREATE_TIME);
        Instant when = created == null ? now() : Instant.parse(created.toString());
        return new HostCreation(host, UniqueKeys.of(host, model), AuditRecord.hostCreate(ACTOR, host, when));
    }

    /**
     * A write as the clone use case makes it: {@code fields} plus the update stamps, planned against
     * {@code current}'s version and {@code model}'s revision, with its update record. Keys (by
     * {@code model}) only when {@code withKeys}.
     */
    public static HostUpdate updateOf(Host current, Map<String, Object> fields, HostModel model, Actor actor, Instant when,
                                      boolean withKeys) {
        Map<String, Object> changes = new LinkedHashMap<>(fields);
        changes.putAll(stamps(actor.user(), when));
        AuditRecord audit = AuditRecord.hostUpdate(actor, current.business(), current, fields, when);
        return new HostUpdate(current.id(), current.version(), model.revision(), changes,
                withKeys ? UniqueKeys.of(current.with(changes), model) : null, audit);
    }

    /** {@link #updateOf(Host, Map, HostModel, Actor, Instant, boolean)} on the built-in model. */
    public static HostUpdate updateOf(Host current, Map<String, Object> fields, Actor actor, Instant when, boolean withKeys) {
        return updateOf(current, fields, MODEL, actor, when, withKeys);
    }

    /** A write with keys by {@code model}, by the test actor, now. */
    public static HostUpdate updateOf(Host current, Map<String, Object> fields, HostModel model) {
        return updateOf(current, fields, model, ACTOR, now(), true);
    }

    public static HostUpdate updateOf(Host current, Map<String, Object> fields) {
        return updateOf(current, fields, MODEL, ACTOR, now(), false);
    }

    /** A clone's write of {@code source}'s operator onto {@code destination}, both as read. */
    public static HostUpdate copyOf(Host source, Host destination) {
        HostUpdate update = updateOf(destination, Map.of("operator", source.value("operator")));
        return new HostUpdate(update.host(), update.expectedVersion(), update.modelRevision(), update.changes(),
                update.uniqueKeys(), update.audit(), new HostUpdate.CopiedFrom(source.id(), source.version()));
    }

    /** The fields every host write sets besides the cloned ones (API.md section 4 step 12). */
    public static Map<String, Object> stamps(String user, Instant when) {
        String timestamp = HostFields.timestamp(when);
        Map<String, Object> stamps = new LinkedHashMap<>();
        stamps.put(HostFields.LAST_TIME, timestamp);
        stamps.put(HostFields.UPDATED_AT, timestamp);
        stamps.put(HostFields.UPDATED_BY, user);
        return stamps;
    }
}
