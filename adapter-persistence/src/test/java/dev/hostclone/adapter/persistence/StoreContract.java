package dev.hostclone.adapter.persistence;

import static dev.hostclone.adapter.persistence.HostBuilder.ACTOR;
import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.HostBuilder.copyOf;
import static dev.hostclone.adapter.persistence.HostBuilder.creationOf;
import static dev.hostclone.adapter.persistence.HostBuilder.stamps;
import static dev.hostclone.adapter.persistence.HostBuilder.updateOf;
import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.Stages.outcome;
import static dev.hostclone.adapter.persistence.Stages.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.out.AllocateHostIdsPort;
import dev.hostclone.application.port.out.ChangeHostModelPort;
import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.application.port.out.CreateCloudAreaPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadAuditTrailPort;
import dev.hostclone.application.port.out.LoadAuditsPort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.application.port.out.LoadCloudAreasPort;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.RegisterAppPort;
import dev.hostclone.application.port.out.RemoveAppsPort;
import dev.hostclone.application.port.out.SearchAuditPort;
import dev.hostclone.application.port.out.SearchBusinessesPort;
import dev.hostclone.application.port.out.SearchCloudAreasPort;
import dev.hostclone.application.port.out.StoreReadinessPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.AppAuthentication;
import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueRule;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every store must show, whatever holds the data: the memory store defines it, the
 * PostgreSQL store must match it. Subclasses only say how to get an empty store. Hosts, businesses,
 * the model and apps are here; the other parts of the contract come in as test interfaces.
 */
public abstract class StoreContract<S extends LoadHostsPort & UpdateHostPort & CreateHostsPort & AllocateHostIdsPort
        & LoadHostModelPort & ChangeHostModelPort & LoadBusinessPort & CreateBusinessPort & SearchBusinessesPort
        & LoadCloudAreasPort & CreateCloudAreaPort & SearchCloudAreasPort & VerifyAppSecretPort & RegisterAppPort
        & RemoveAppsPort & LoadAuditTrailPort & SearchAuditPort & LoadAuditsPort & StoreReadinessPort> implements HostBatchWriteContract<S>, HostModelChangeContract<S>,
        BusinessSearchContract<S>, CloudAreaContract<S>, AuditSearchContract<S> {

    private static final CloudAreaId DEFAULT = CloudAreaId.DEFAULT;
    /** The revision every store starts at, the one hosts built on {@link HostBuilder#MODEL} are planned with. */
    protected static final long REVISION = HostBuilder.MODEL.revision();
    private static final List<String> INNER_IP_RULE = List.of(HostFields.INNER_IP, HostFields.CLOUD_ID);

    protected S store;

    /** A store holding nothing but what every store starts with (the built-in model, cloud area 0). */
    protected abstract S emptyStore();

    /** Whether concurrent writes really interleave in this store (so the concurrency tests must see Stale). */
    protected abstract boolean writesInterleave();

    @BeforeEach
    void startEmpty() {
        store = emptyStore();
    }

    @Override
    public S store() {
        return store;
    }

    // ---- readiness

    @Test
    void givenStartedStore_whenCheckedForReadiness_thenItAnswersWithItsMigrationsApplied() {
        assertThat(await(store.checkStoreReadiness()).migrationsApplied()).isTrue();
    }

    // ---- loading hosts

    @Test
    void givenStoredHosts_whenLoadingByIds_thenEachExistingHostIsReturnedOnce() {
        Host first = aHost().withInnerIp("10.0.0.1").build();
        Host second = aHost().withInnerIp("10.0.0.2").build();
        create(first, second);

        List<Host> loaded = await(store.loadHosts(List.of(first.id(), second.id(), HostId.of(999_999_999), first.id())));

        assertThat(loaded).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void givenHostWithInnerIp_whenFindingThatIpInItsCloud_thenItIsFound() {
        Host host = aHost().withInnerIp("10.0.0.1").inCloud(0).build();
        create(host);

        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.1"))))).containsExactly(host);
        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.9"))))).isEmpty();
    }

    @Test
    void givenSameIpInTwoClouds_whenFindingInOneCloud_thenOnlyThatCloudsHostIsFound() {
        Host inDefault = aHost().withInnerIp("10.0.0.1").inCloud(0).build();
        Host inOther = aHost().withInnerIp("10.0.0.1").inCloud(7).build();
        create(inDefault, inOther);

        assertThat(await(store.findHostsByInnerIp(CloudAreaId.of(7), List.of(IpAddress.of("10.0.0.1")))))
                .containsExactly(inOther);
        assertThat(await(store.findHostsByInnerIp(CloudAreaId.of(8), List.of(IpAddress.of("10.0.0.1"))))).isEmpty();
    }

    @Test
    void givenIpv6Host_whenFindingByAnyTextFormOfItsAddress_thenItIsFound() {
        IpAddress v6 = IpAddress.of("fe80::1:2");
        Host host = aHost().withInnerIpV6(v6.text()).build();
        create(host);

        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("FE80:0:0:0:0:0:1:2"))))).containsExactly(host);
    }

    @Test
    void givenHostWithSeveralInnerIps_whenFindingByAllOfThem_thenItIsFoundOnce() {
        Host host = aHost().withInnerIp("10.0.0.1", "10.0.0.2").withInnerIpV6(IpAddress.of("2001:db8::5").text()).build();
        Host other = aHost().withInnerIp("10.0.0.3").build();
        create(host, other);

        List<Host> found = await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.1"),
                IpAddress.of("10.0.0.2"), IpAddress.of("2001:db8::5"))));

        assertThat(found).containsExactly(host);
        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.2"))))).containsExactly(host);
    }

    @Test
    void givenDynamicHostsSharingAnIp_whenFindingIt_thenBothAreFound() {
        Host first = aHost().withInnerIp("10.0.0.1").dynamic().build();
        Host second = aHost().withInnerIp("10.0.0.1").dynamic().build();
        create(first, second);

        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.1")))))
                .containsExactlyInAnyOrder(first, second);
    }

    @Test
    void givenDynamicHostsSharingAnIp_whenOneMovesAway_thenOnlyTheOtherIsFoundThere() {
        Host first = aHost().withInnerIp("10.0.0.1").dynamic().build();
        Host second = aHost().withInnerIp("10.0.0.1").dynamic().build();
        create(first, second);

        await(store.updateHost(updateOf(first, Map.of(HostFields.INNER_IP, "10.0.0.2"), ACTOR, HostBuilder.now(), true)));
        Host moved = await(store.loadHosts(List.of(first.id()))).get(0);

        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.1"))))).containsExactly(second);
        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.2"))))).containsExactly(moved);
    }

    @Test
    void givenEveryValueType_whenStoredAndLoaded_thenEachValueComesBackWithItsType() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", "quote \" backslash \\ newline \n tab \t unit \u001f 中文 ✓");
        values.put("empty_text", "");
        values.put("small", 7L);
        values.put("large", 1L << 40);
        values.put("max", Long.MAX_VALUE);
        values.put("min", Long.MIN_VALUE);
        values.put("two", 2.0);
        values.put("tenth", 0.1);
        values.put("negative", -3.5);
        values.put("big_double", 12_345_678.0);
        values.put("huge_double", 1.0E20);
        values.put("tiny_double", 1.5E-10);
        values.put("max_double", Double.MAX_VALUE);
        values.put("yes", true);
        values.put("no", false);
        values.put("strings", List.of("a", "b"));
        values.put("longs", List.of(1L, 2L));
        values.put("doubles", List.of(1.0, 2.5));
        values.put("mixed", Arrays.asList("a", 1L, 2.0, true, null));
        values.put("empty_list", List.of());
        values.put("nested", List.of(List.of("x")));
        values.put("nothing", null);
        HostBuilder builder = aHost().withInnerIp("10.0.0.1");
        values.forEach(builder::with);
        Host host = builder.build();
        create(host);

        Host loaded = await(store.loadHosts(List.of(host.id()))).get(0);

        assertThat(loaded.document()).isEqualTo(host.document());
        values.forEach((field, value) -> assertThat(loaded.value(field)).as(field).isEqualTo(value));
        assertThat(loaded.value("two")).isInstanceOf(Double.class);
        assertThat(loaded.value("big_double")).isInstanceOf(Double.class);
        assertThat(loaded.value("huge_double")).isInstanceOf(Double.class);
        assertThat(loaded.value("small")).isInstanceOf(Long.class);
        assertThat(loaded.document()).containsKey("nothing");

        HostUpdate update = updateOf(loaded, Map.of("two", 3.0, "small", 8L, "strings", List.of("c")));
        assertThat(await(store.updateHost(update))).isInstanceOf(HostWriteResult.Written.class);
        Host updated = await(store.loadHosts(List.of(host.id()))).get(0);
        assertThat(updated.document()).isEqualTo(loaded.with(update.changes()).document());
        assertThat(updated.value("two")).isInstanceOf(Double.class).isEqualTo(3.0);
    }

    // ---- conditional updates

    @Test
    void givenHostAtItsVersion_whenUpdating_thenWrittenWithNextVersionAndAnAuditRecord() {
        Host host = aHost().withInnerIp("10.0.0.1").with("bk_comment", "old").build();
        create(host);
        HostUpdate update = updateOf(host, Map.of("bk_comment", "new", "operator", "alice"));

        HostWriteResult result = await(store.updateHost(update));

        assertThat(result).isInstanceOf(HostWriteResult.Written.class);
        HostWriteResult.Written written = (HostWriteResult.Written) result;
        assertThat(written.newVersion()).isEqualTo(2);
        Host stored = await(store.loadHosts(List.of(host.id()))).get(0);
        assertThat(stored).isEqualTo(host.with(update.changes()));
        List<AuditRecord> trail = await(store.loadAuditTrail(AuditRecord.HOST, host.id().value()));
        assertThat(trail).hasSize(2);
        assertThat(trail.get(1)).isEqualTo(update.audit().withId(written.auditId()));
        assertThat(trail.get(1).preData()).isEqualTo(host.document());
        assertThat(trail.get(1).updateFields()).isEqualTo(Map.of("bk_comment", "new", "operator", "alice"));
    }

    @Test
    void givenHostChangedSinceRead_whenUpdatingWithTheOldVersion_thenStaleAndNothingWritten() {
        Host host = aHost().withInnerIp("10.0.0.1").build();
        create(host);
        HostUpdate first = updateOf(host, Map.of("bk_comment", "first"));
        HostUpdate late = updateOf(host, Map.of("bk_comment", "late"));
        await(store.updateHost(first));

        HostWriteResult result = await(store.updateHost(late));

        assertThat(result).isInstanceOf(HostWriteResult.Stale.class);
        Host stored = await(store.loadHosts(List.of(host.id()))).get(0);
        assertThat(stored.value("bk_comment")).isEqualTo("first");
        assertThat(stored.version()).isEqualTo(2);
        assertThat(await(store.loadAuditTrail(AuditRecord.HOST, host.id().value()))).hasSize(2);
    }

    /**
     * Two clones crossing, planned on the same reads of A and B: B's values go onto A first, and then
     * A's old values must not go onto B, or the two hosts end swapped, which neither order of the two
     * clones gives.
     */
    @Test
    void givenTheSourceWrittenSinceRead_whenACopyOfItsOldValuesIsWritten_thenStaleAndNothingWritten() {
        Host a = aHost().withInnerIp("10.0.0.1").with("operator", "alice").build();
        Host b = aHost().withInnerIp("10.0.0.2").with("operator", "bob").build();
        create(a, b);
        HostWriteResult bOntoA = await(store.updateHost(copyOf(b, a)));

        HostWriteResult aOntoB = await(store.updateHost(copyOf(a, b)));

        assertThat(bOntoA).isInstanceOf(HostWriteResult.Written.class);
        assertThat(aOntoB).isInstanceOf(HostWriteResult.Stale.class);
        Host storedB = await(store.loadHosts(List.of(b.id()))).get(0);
        assertThat(storedB).isEqualTo(b);
        assertThat(await(store.loadAuditTrail(AuditRecord.HOST, b.id().value()))).hasSize(1);
    }

    @Test
    void givenTheSourceAsRead_whenACopyOfItIsWritten_thenWritten() {
        Host a = aHost().withInnerIp("10.0.0.1").with("operator", "alice").build();
        Host b = aHost().withInnerIp("10.0.0.2").with("operator", "bob").build();
        create(a, b);

        HostWriteResult result = await(store.updateHost(copyOf(a, b)));

        assertThat(result).isInstanceOf(HostWriteResult.Written.class);
        assertThat(await(store.loadHosts(List.of(b.id()))).get(0).value("operator")).isEqualTo("alice");
        assertThat(await(store.loadHosts(List.of(a.id()))).get(0)).isEqualTo(a);
    }

    @Test
    void givenNoSuchHost_whenUpdating_thenStaleAndNoAuditRecord() {
        Host ghost = aHost().withInnerIp("10.0.0.1").build();

        HostWriteResult result = await(store.updateHost(updateOf(ghost, Map.of("bk_comment", "x"))));

        assertThat(result).isInstanceOf(HostWriteResult.Stale.class);
        assertThat(await(store.loadAuditTrail(AuditRecord.HOST, ghost.id().value()))).isEmpty();
        assertThat(await(store.loadHosts(List.of(ghost.id())))).isEmpty();
    }

    @Test
    void givenValueTakenUnderAUniqueRule_whenUpdatingAnotherHostToIt_thenDuplicatedAndNothingWritten() {
        Host owner = aHost().withInnerIp("10.0.0.1").with(HostFields.OUTER_IP, "1.1.1.1").build();
        Host other = aHost().withInnerIp("10.0.0.2").with(HostFields.OUTER_IP, "2.2.2.2").build();
        create(owner, other);

        HostUpdate update = updateOf(other, Map.of(HostFields.OUTER_IP, "1.1.1.1", "bk_comment", "x"), ACTOR,
                HostBuilder.now(), true);
        Failure failure = rejection(store.updateHost(update));

        assertThat(failure).isEqualTo(new Failure.Duplicated(List.of(HostFields.OUTER_IP), List.of("1.1.1.1")));
        assertThat(await(store.loadHosts(List.of(other.id()))).get(0)).isEqualTo(other);
        assertThat(await(store.loadAuditTrail(AuditRecord.HOST, other.id().value()))).hasSize(1);
    }

    @Test
    void givenHostLetGoOfAUniqueValue_whenAnotherHostTakesIt_thenAccepted() {
        Host first = aHost().withInnerIp("10.0.0.1").with(HostFields.OUTER_IP, "1.1.1.1").build();
        Host second = aHost().withInnerIp("10.0.0.2").build();
        create(first, second);

        HostWriteResult released = await(store.updateHost(updateOf(first, Map.of(HostFields.OUTER_IP, "3.3.3.3"),
                ACTOR, HostBuilder.now(), true)));
        HostWriteResult taken = await(store.updateHost(updateOf(second, Map.of(HostFields.OUTER_IP, "1.1.1.1"),
                ACTOR, HostBuilder.now(), true)));

        assertThat(released).isInstanceOf(HostWriteResult.Written.class);
        assertThat(taken).isInstanceOf(HostWriteResult.Written.class);
        Failure failure = rejection(store.createHosts(REVISION, List.of(
                aHost().withInnerIp("10.0.0.3").with(HostFields.OUTER_IP, "3.3.3.3").buildCreation())));
        assertThat(failure).isEqualTo(new Failure.Duplicated(List.of(HostFields.OUTER_IP), List.of("3.3.3.3")));
    }

    @Test
    void givenHostMovedToNewInnerIps_whenFindingByOldAndNewIps_thenTheIndexFollowed() {
        Host host = aHost().withInnerIp("10.0.0.1").build();
        Host neighbour = aHost().withInnerIp("10.0.0.5").build();
        create(host, neighbour);

        HostWriteResult moved = await(store.updateHost(updateOf(host,
                Map.of(HostFields.INNER_IP, "10.0.0.2,10.0.0.3"), ACTOR, HostBuilder.now(), true)));
        Host after = await(store.loadHosts(List.of(host.id()))).get(0);
        Failure collision = rejection(store.updateHost(updateOf(after,
                Map.of(HostFields.INNER_IP, "10.0.0.5"), ACTOR, HostBuilder.now(), true)));

        assertThat(moved).isInstanceOf(HostWriteResult.Written.class);
        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.1"))))).isEmpty();
        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.3"))))).containsExactly(after);
        assertThat(collision).isEqualTo(new Failure.Duplicated(INNER_IP_RULE, List.of("10.0.0.5", 0L)));
        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.5"))))).containsExactly(neighbour);
        // the old address's key went with it
        HostCreation reuse = aHost().withInnerIp("10.0.0.1").buildCreation();
        await(store.createHosts(REVISION, List.of(reuse)));
        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.1"))))).containsExactly(reuse.host());
    }

    // ---- creating hosts

    @Test
    void givenBatchWithOneCollision_whenCreating_thenDuplicatedAndNothingOfTheBatchIsStored() {
        Host existing = aHost().withInnerIp("10.0.0.1").build();
        create(existing);
        HostCreation fine = aHost().withInnerIp("10.0.0.2").with(HostFields.OUTER_IP, "5.5.5.5").buildCreation();
        HostCreation colliding = aHost().withInnerIp("10.0.0.1").buildCreation();
        HostCreation alsoFine = aHost().withInnerIp("10.0.0.3").buildCreation();

        Failure failure = rejection(store.createHosts(REVISION, List.of(fine, colliding, alsoFine)));

        assertThat(failure).isEqualTo(new Failure.Duplicated(INNER_IP_RULE, List.of("10.0.0.1", 0L)));
        List<HostId> batch = List.of(fine.host().id(), colliding.host().id(), alsoFine.host().id());
        assertThat(await(store.loadHosts(batch))).isEmpty();
        batch.forEach(id -> assertThat(await(store.loadAuditTrail(AuditRecord.HOST, id.value()))).isEmpty());
        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.2"))))).isEmpty();
        assertThat(await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of("10.0.0.1"))))).containsExactly(existing);
        // the keys of the refused batch were not left behind
        await(store.createHosts(REVISION, List.of(fine)));
        assertThat(await(store.loadHosts(List.of(fine.host().id())))).containsExactly(fine.host());
    }

    /**
     * A host whose keys collide with several hosts' is refused naming the first of its keys in rule and then text
     * order, on either store and at each start of the JVM: until 2026-12-07 the ports held the keys in a
     * {@code Set.copyOf}, whose order changes from one start to the next, and so did the key a message named.
     */
    @Test
    void givenANewHostCollidingOnSeveralKeys_whenCreating_thenTheFirstKeyInRuleThenTextOrderIsNamed() {
        List<String> ips = List.of("10.0.0.6", "10.0.0.2", "10.0.0.5", "10.0.0.1", "10.0.0.4", "10.0.0.3");
        create(ips.stream().map(ip -> aHost().withInnerIp(ip).build()).toArray(Host[]::new));
        create(aHost().withInnerIp("10.0.0.9").with(HostFields.OUTER_IP, "1.1.1.1").build());
        HostCreation colliding = aHost().withInnerIp(ips.toArray(String[]::new)).with(HostFields.OUTER_IP, "1.1.1.1")
                .buildCreation();

        Failure failure = rejection(store.createHosts(REVISION, List.of(colliding)));

        assertThat(failure).isEqualTo(new Failure.Duplicated(INNER_IP_RULE, List.of("10.0.0.1", 0L)));
        assertThat(await(store.loadHosts(List.of(colliding.host().id())))).isEmpty();
    }

    @Test
    void givenTwoHostsOfOneBatchSharingAKey_whenCreating_thenDuplicatedAndNothingStored() {
        HostCreation first = aHost().withInnerIp("10.0.0.1").buildCreation();
        HostCreation second = aHost().withInnerIp("10.0.0.2", "10.0.0.1").buildCreation();

        Failure failure = rejection(store.createHosts(REVISION, List.of(first, second)));

        assertThat(failure).isEqualTo(new Failure.Duplicated(INNER_IP_RULE, List.of("10.0.0.1", 0L)));
        assertThat(await(store.loadHosts(List.of(first.host().id(), second.host().id())))).isEmpty();
    }

    @Test
    void givenCreatedHosts_whenReadingTheirTrails_thenEachHasItsCreateRecord() {
        HostCreation creation = aHost().withInnerIp("10.0.0.1").buildCreation();

        await(store.createHosts(REVISION, List.of(creation)));

        List<AuditRecord> trail = await(store.loadAuditTrail(AuditRecord.HOST, creation.host().id().value()));
        assertThat(trail).hasSize(1);
        AuditRecord record = trail.get(0);
        assertThat(record.id()).isPositive();
        assertThat(record).isEqualTo(creation.audit().withId(record.id()));
        assertThat(record.action()).isEqualTo(AuditAction.CREATE);
        assertThat(record.curData()).isEqualTo(creation.host().document());
    }

    @Test
    void givenSeveralWrites_whenReadingTheTrail_thenRecordsComeOldestFirstAndOnlyForThatHost() {
        Host host = aHost().withInnerIp("10.0.0.1").build();
        Host other = aHost().withInnerIp("10.0.0.2").build();
        create(host, other);
        List<Long> auditIds = new ArrayList<>();
        Host current = host;
        Host otherCurrent = other;
        for (int i = 0; i < 3; i++) {
            HostUpdate update = updateOf(current, Map.of("bk_comment", "v" + i));
            HostWriteResult.Written written = (HostWriteResult.Written) await(store.updateHost(update));
            auditIds.add(written.auditId());
            current = current.with(update.changes());
            HostUpdate otherUpdate = updateOf(otherCurrent, Map.of("bk_comment", "o" + i));
            await(store.updateHost(otherUpdate));
            otherCurrent = otherCurrent.with(otherUpdate.changes());
        }

        List<AuditRecord> trail = await(store.loadAuditTrail(AuditRecord.HOST, host.id().value()));

        assertThat(trail).extracting(AuditRecord::action)
                .containsExactly(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.UPDATE, AuditAction.UPDATE);
        assertThat(trail).extracting(AuditRecord::resourceId).containsOnly(host.id().value());
        assertThat(trail.subList(1, 4)).extracting(AuditRecord::id).containsExactlyElementsOf(auditIds);
        assertThat(trail).extracting(AuditRecord::id).isSorted().doesNotHaveDuplicates();
        assertThat(trail.get(3).updateFields()).isEqualTo(Map.of("bk_comment", "v2"));
        assertThat(await(store.loadAuditTrail("biz", host.id().value()))).isEmpty();
    }

    @Test
    void givenStaticHostsWithTheSameIpCreatedConcurrently_whenBothCommit_thenExactlyOneSucceeds() {
        int pairs = 20;
        List<CompletableFuture<HostsWriteResult>> firsts = new ArrayList<>();
        List<CompletableFuture<HostsWriteResult>> seconds = new ArrayList<>();
        List<HostCreation[]> creations = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String ip = "10.1.0." + (i + 1);
            creations.add(new HostCreation[] {aHost().withInnerIp(ip).buildCreation(), aHost().withInnerIp(ip).buildCreation()});
        }
        for (HostCreation[] pair : creations) {
            firsts.add(store.createHosts(REVISION, List.of(pair[0])).toCompletableFuture());
            seconds.add(store.createHosts(REVISION, List.of(pair[1])).toCompletableFuture());
        }

        for (int i = 0; i < pairs; i++) {
            String ip = "10.1.0." + (i + 1);
            List<Throwable> failures = new ArrayList<>();
            for (CompletableFuture<HostsWriteResult> attempt : List.of(firsts.get(i), seconds.get(i))) {
                Throwable failure = outcome(attempt);
                if (failure != null) {
                    failures.add(failure);
                }
            }
            assertThat(failures).as("pair " + ip).hasSize(1);
            assertThat(failures.get(0)).isInstanceOf(RejectedException.class);
            assertThat(((RejectedException) failures.get(0)).failure())
                    .isEqualTo(new Failure.Duplicated(INNER_IP_RULE, List.of(ip, 0L)));
            List<Host> found = await(store.findHostsByInnerIp(DEFAULT, List.of(IpAddress.of(ip))));
            assertThat(found).hasSize(1);
            HostCreation[] pair = creations.get(i);
            long trails = Arrays.stream(pair)
                    .mapToLong(c -> await(store.loadAuditTrail(AuditRecord.HOST, c.host().id().value())).size())
                    .sum();
            assertThat(trails).isEqualTo(1);
        }
    }

    /**
     * Writers clone onto overlapping hosts at once and retry on Stale, as the application does.
     * Afterwards each host's trail must replay: every record's pre_data is exactly what the previous
     * write left (its pre_data plus its update_fields plus the update stamps), the last write leads to
     * the stored host, and there is one update record per successful write.
     */
    @Test
    void givenConcurrentWritersOnOverlappingHosts_whenTheyRetryOnStale_thenEveryTrailReplaysToTheStoredHost() {
        int hostCount = 8;
        int writers = 20;
        int writesPerWriter = 20;
        List<Host> hosts = IntStream.range(0, hostCount)
                .mapToObj(i -> aHost().withInnerIp("10.2.0." + (i + 1)).with("bk_comment", "initial").build())
                .toList();
        create(hosts.toArray(Host[]::new));
        Map<HostId, AtomicInteger> writesPerHost = new ConcurrentHashMap<>();
        hosts.forEach(host -> writesPerHost.put(host.id(), new AtomicInteger()));
        AtomicInteger stale = new AtomicInteger();

        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Actor writer = new Actor("test-app", "writer-" + w, "rid-" + w);
            Random random = new Random(w);
            CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
            for (int j = 0; j < writesPerWriter; j++) {
                HostId target = hosts.get(random.nextInt(hostCount)).id();
                String label = writer.user() + "#" + j;
                chain = chain.thenCompose(done -> writeUntilWritten(target, writer, label, 1, stale))
                        .thenRun(() -> writesPerHost.get(target).incrementAndGet());
            }
            chains.add(chain.toCompletableFuture());
        }
        await(CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)));

        int updateRecords = 0;
        for (Host host : hosts) {
            List<AuditRecord> trail = await(store.loadAuditTrail(AuditRecord.HOST, host.id().value()));
            assertThat(trail.get(0).action()).isEqualTo(AuditAction.CREATE);
            Map<String, Object> state = new LinkedHashMap<>(trail.get(0).curData());
            for (AuditRecord record : trail.subList(1, trail.size())) {
                assertThat(record.action()).isEqualTo(AuditAction.UPDATE);
                assertThat(record.preData()).as("pre_data of record " + record.id()).isEqualTo(state);
                state.putAll(record.updateFields());
                state.putAll(stamps(record.user(), record.operationTime()));
            }
            Host stored = await(store.loadHosts(List.of(host.id()))).get(0);
            assertThat(stored.document()).isEqualTo(state);
            assertThat(trail).hasSize(1 + writesPerHost.get(host.id()).get());
            assertThat(stored.version()).isEqualTo(trail.size());
            updateRecords += trail.size() - 1;
        }
        assertThat(updateRecords).isEqualTo(writers * writesPerWriter);
        if (writesInterleave()) {
            assertThat(stale.get()).as("writes that met a concurrent one").isPositive();
        }
    }

    private CompletionStage<Void> writeUntilWritten(HostId target, Actor writer, String label, int attempt,
                                                    AtomicInteger stale) {
        if (attempt > 1_000) {
            return CompletableFuture.failedFuture(new AssertionError("no progress writing " + label));
        }
        return store.loadHosts(List.of(target)).thenCompose(found -> {
            Host current = found.get(0);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("bk_comment", label + " attempt " + attempt);
            fields.put("bk_sn", label);
            return store.updateHost(updateOf(current, fields, writer, HostBuilder.now(), false));
        }).thenCompose(result -> {
            if (result instanceof HostWriteResult.Written) {
                return CompletableFuture.completedFuture(null);
            }
            stale.incrementAndGet();
            return writeUntilWritten(target, writer, label, attempt + 1, stale);
        });
    }

    // ---- ids, businesses, cloud areas, model, apps

    @Test
    void givenIdsAllocated_whenAllocatingAgain_thenNoIdRepeats() {
        List<HostId> first = await(store.allocateHostIds(3));
        List<HostId> second = await(store.allocateHostIds(2));

        assertThat(first).hasSize(3).doesNotHaveDuplicates();
        assertThat(first).extracting(HostId::value).isSorted();
        assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first);
        assertThat(await(store.allocateHostIds(0))).isEmpty();
    }

    @Test
    void givenNewBusiness_whenLoadingIt_thenItsPropertiesComeBackWithItsId() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(Business.NAME, "payments");
        properties.put(Business.MAINTAINER, "alice,bob");
        properties.put("life_cycle", "2");

        Business created = await(store.createBusiness(properties));
        Business loaded = await(store.loadBusiness(created.id())).orElseThrow();

        assertThat(created.id().value()).isPositive();
        assertThat(created.properties()).containsEntry(Business.ID, created.id().value()).containsAllEntriesOf(properties);
        assertThat(loaded).isEqualTo(created);
        assertThat(loaded.maintainers()).containsExactly("alice", "bob");
        assertThat(await(store.loadBusiness(BusinessId.of(987_654)))).isEmpty();
    }

    @Test
    void givenBusinessName_whenCreatingItAgain_thenDuplicated() {
        await(store.createBusiness(Map.of(Business.NAME, "payments", Business.MAINTAINER, "alice")));

        Failure failure = rejection(store.createBusiness(Map.of(Business.NAME, "payments", Business.MAINTAINER, "bob")));

        assertThat(failure).isEqualTo(new Failure.Duplicated(List.of(Business.NAME), List.of("payments")));
        assertThat(await(store.searchBusinesses(new BusinessQuery(Map.of(Business.NAME, "payments"), null,
                new PageRequest(0, 10, Business.ID, false)))).info()).as("the first, as it was, alone")
                .singleElement().satisfies(kept -> assertThat(kept.maintainers()).containsExactly("alice"));
        Business other = await(store.createBusiness(Map.of(Business.NAME, "billing", Business.MAINTAINER, "bob")));
        assertThat(other.name()).isEqualTo("billing");
    }

    @Test
    void givenFreshStore_whenLoadingCloudAreas_thenOnlyTheDefaultAreaExists() {
        List<CloudArea> areas = await(store.loadCloudAreas(List.of(CloudAreaId.DEFAULT, CloudAreaId.of(1),
                CloudAreaId.DEFAULT)));

        assertThat(areas).hasSize(1);
        assertThat(areas.get(0).id()).isEqualTo(CloudAreaId.DEFAULT);
        assertThat(areas.get(0).name()).isEqualTo(CloudArea.DEFAULT_NAME);
        assertThat(areas.get(0).isBuiltIn()).isTrue();
        assertThat(await(store.loadCloudAreas(List.of()))).isEmpty();
    }

    @Test
    void givenFreshStore_whenLoadingTheHostModel_thenItIsTheBuiltInModel() {
        HostModel builtIn = BuiltInHostModel.load(Instant.EPOCH);

        HostModel loaded = await(store.loadHostModel());

        assertThat(loaded.revision()).isEqualTo(builtIn.revision());
        assertThat(loaded.uniqueRules())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("lastTime")
                .isEqualTo(builtIn.uniqueRules());
        assertThat(loaded.uniqueRules()).as("made with the built-in attributes")
                .extracting(UniqueRule::lastTime).containsOnly(loaded.attributes().get(0).createdAt());
        assertThat(loaded.attributes()).hasSameSizeAs(builtIn.attributes());
        assertThat(loaded.attributes())
                .usingRecursiveComparison()
                .withStrictTypeChecking()
                .ignoringFields("createdAt")
                .isEqualTo(builtIn.attributes());
        assertThat(loaded.attributes()).allSatisfy(attribute -> assertThat(attribute.createdAt()).isNotNull());
    }

    @Test
    void givenRegisteredApp_whenVerifyingSecrets_thenOnlyTheCurrentSecretIsAccepted() {
        await(store.registerApp("ops-portal", SecretHashing.hash("first-secret")));

        assertThat(await(store.verifyAppSecret("ops-portal", "first-secret"))).isEqualTo(AppAuthentication.ACCEPTED);
        assertThat(await(store.verifyAppSecret("ops-portal", "wrong"))).isEqualTo(AppAuthentication.WRONG_SECRET);
        assertThat(await(store.verifyAppSecret("unknown-app", "first-secret"))).isEqualTo(AppAuthentication.UNKNOWN_APP);

        await(store.registerApp("ops-portal", SecretHashing.hash("second-secret")));

        assertThat(await(store.verifyAppSecret("ops-portal", "second-secret"))).isEqualTo(AppAuthentication.ACCEPTED);
        assertThat(await(store.verifyAppSecret("ops-portal", "first-secret"))).isEqualTo(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenAnAppRegistered_whenRegisteringItIfAbsent_thenItKeepsItsSecret() {
        assertThat(await(store.registerAppIfAbsent("ops-portal", SecretHashing.hash("first-secret")))).isTrue();

        assertThat(await(store.registerAppIfAbsent("ops-portal", SecretHashing.hash("second-secret")))).isFalse();

        assertThat(await(store.verifyAppSecret("ops-portal", "first-secret"))).isEqualTo(AppAuthentication.ACCEPTED);
        assertThat(await(store.verifyAppSecret("ops-portal", "second-secret"))).isEqualTo(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenThreeApps_whenRemovingAllButTwo_thenTheThirdCanCallNoMoreAndTheOthersStill() {
        for (String app : List.of("ops-portal", "ci", "retired-tool")) {
            await(store.registerApp(app, SecretHashing.hash(app + "-secret")));
        }
        assertThat(await(store.verifyAppSecret("retired-tool", "retired-tool-secret"))).isEqualTo(AppAuthentication.ACCEPTED);

        assertThat(await(store.removeAppsOtherThan(Set.of("ops-portal", "ci", "never-registered"))))
                .containsExactly("retired-tool");

        assertThat(await(store.verifyAppSecret("retired-tool", "retired-tool-secret"))).isEqualTo(AppAuthentication.UNKNOWN_APP);
        assertThat(await(store.verifyAppSecret("ops-portal", "ops-portal-secret"))).isEqualTo(AppAuthentication.ACCEPTED);
        assertThat(await(store.verifyAppSecret("ci", "ci-secret"))).isEqualTo(AppAuthentication.ACCEPTED);
        assertThat(await(store.removeAppsOtherThan(Set.of("ops-portal", "ci")))).as("nothing left to remove").isEmpty();
    }

    /** What a failed start removes: the app it made, only while it holds the hash it was made with, and no other. */
    @Test
    void givenTwoApps_whenRemovingOneHoldingAHash_thenOnlyThatOneGoesAndOnlyWhileItHoldsIt() {
        String made = SecretHashing.hash("made-secret");
        await(store.registerApp("made-here", made));
        await(store.registerApp("ci", SecretHashing.hash("ci-secret")));

        assertThat(await(store.removeAppHolding("made-here", SecretHashing.hash("another-secret"))))
                .as("registered since with another hash").isFalse();
        assertThat(await(store.verifyAppSecret("made-here", "made-secret"))).isEqualTo(AppAuthentication.ACCEPTED);
        assertThat(await(store.removeAppHolding("made-here", made))).isTrue();

        assertThat(await(store.verifyAppSecret("made-here", "made-secret"))).isEqualTo(AppAuthentication.UNKNOWN_APP);
        assertThat(await(store.verifyAppSecret("ci", "ci-secret"))).isEqualTo(AppAuthentication.ACCEPTED);
        assertThat(await(store.removeAppHolding("made-here", made))).as("nothing left to remove").isFalse();
    }

    @Test
    void givenASecretInClear_whenRegisteringEitherWay_thenRefusedWithoutQuotingItAndNothingStored() {
        List<Throwable> refusals = List.of(Stages.outcome(store.registerApp("clear-secret-app", "first-secret")),
                Stages.outcome(store.registerAppIfAbsent("clear-secret-app", "first-secret")));

        assertThat(refusals).allSatisfy(refused -> assertThat(refused).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an app's secret must be registered by its pbkdf2-sha256 hash, not in clear"));
        assertThat(await(store.verifyAppSecret("clear-secret-app", "first-secret"))).isEqualTo(AppAuthentication.UNKNOWN_APP);
    }

    // ---- helpers

    protected void create(Host... hosts) {
        await(store.createHosts(REVISION, Arrays.stream(hosts).map(HostBuilder::creationOf).toList()));
    }
}
