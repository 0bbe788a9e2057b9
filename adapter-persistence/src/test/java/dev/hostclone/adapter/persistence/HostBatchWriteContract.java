package dev.hostclone.adapter.persistence;

import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.HostBuilder.copyOf;
import static dev.hostclone.adapter.persistence.HostBuilder.creationOf;
import static dev.hostclone.adapter.persistence.HostBuilder.updateOf;
import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.Stages.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadAuditTrailPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.model.HostModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Writing several hosts at once (batch_update_host), in every store: planned on the hosts as they are
 * under the store's locks, all or nothing, checked in order (two hosts of the batch claiming one value, before the model revision, then host by host in
 * input order, each seeing the batch's earlier writes), one audit record per host, and the inner-IP
 * index following every address and cloud area a write moves.
 */
public interface HostBatchWriteContract<S extends LoadHostsPort & UpdateHostPort & CreateHostsPort & LoadAuditTrailPort> {

    S store();

    @Test
    default void givenHostsAtTheirVersions_whenUpdatingThem_thenAllWrittenWithOneRecordEachInInputOrder() {
        Host first = aHost().withInnerIp("10.20.0.1").build();
        Host second = aHost().withInnerIp("10.20.0.2").build();
        create(first, second);
        HostUpdate ofSecond = withKeys(second, Map.of("bk_comment", "second", HostFields.OUTER_IP, "2.2.2.2"));
        HostUpdate ofFirst = updateOf(first, Map.of("bk_comment", "first"));

        HostsWriteResult result = await(updateAll(List.of(ofSecond, ofFirst)));

        assertThat(result).isInstanceOf(HostsWriteResult.AllWritten.class);
        List<Long> auditIds = ((HostsWriteResult.AllWritten) result).auditIds();
        assertThat(auditIds).hasSize(2).isSorted().doesNotHaveDuplicates();
        assertThat(await(store().loadHosts(List.of(first.id(), second.id())))).containsExactlyInAnyOrder(
                first.with(ofFirst.changes()), second.with(ofSecond.changes()));
        assertThat(trail(second.id())).last().isEqualTo(ofSecond.audit().withId(auditIds.get(0)));
        assertThat(trail(first.id())).last().isEqualTo(ofFirst.audit().withId(auditIds.get(1)));
        assertThat(await(updateAll(List.of()))).isEqualTo(new HostsWriteResult.AllWritten(List.of()));
        assertThat(await(store().createHosts(HostBuilder.MODEL.revision(), List.of())))
                .isEqualTo(new HostsWriteResult.AllWritten(List.of()));
    }

    @Test
    default void givenSecondHostTakingAValueAnotherHostHolds_whenUpdatingBoth_thenDuplicatedAndTheFirstUnchanged() {
        Host first = aHost().withInnerIp("10.21.0.1").build();
        Host second = aHost().withInnerIp("10.21.0.2").build();
        Host owner = aHost().withInnerIp("10.21.0.3").with(HostFields.OUTER_IP, "1.1.1.1").build();
        create(first, second, owner);

        Failure failure = rejection(updateAll(List.of(
                withKeys(first, Map.of("bk_comment", "changed", HostFields.OUTER_IP, "3.3.3.3")),
                withKeys(second, Map.of(HostFields.OUTER_IP, "1.1.1.1")))));

        assertThat(failure).isEqualTo(new Failure.Duplicated(List.of(HostFields.OUTER_IP), List.of("1.1.1.1")));
        assertNothingWritten(first, second, owner);
        // the first host's new value was not kept either
        Host takes = aHost().withInnerIp("10.21.0.4").with(HostFields.OUTER_IP, "3.3.3.3").build();
        assertThat(await(store().createHosts(HostBuilder.MODEL.revision(), List.of(creationOf(takes)))))
                .isInstanceOf(HostsWriteResult.AllWritten.class);
    }

    @Test
    default void givenSecondHostChangedSinceRead_whenUpdatingBoth_thenStaleAndNothingWritten() {
        Host first = aHost().withInnerIp("10.22.0.1").build();
        Host second = aHost().withInnerIp("10.22.0.2").build();
        create(first, second);
        await(store().updateHost(updateOf(second, Map.of("bk_comment", "meanwhile"))));
        Host secondNow = await(store().loadHosts(List.of(second.id()))).get(0);

        HostsWriteResult result = await(updateAll(List.of(
                updateOf(first, Map.of("bk_comment", "batch")), updateOf(second, Map.of("bk_comment", "batch")))));

        assertThat(result).isInstanceOf(HostsWriteResult.Stale.class);
        assertThat(await(store().loadHosts(List.of(first.id())))).containsExactly(first);
        assertThat(trail(first.id())).hasSize(1);
        assertThat(await(store().loadHosts(List.of(second.id())))).containsExactly(secondNow);
        assertThat(trail(second.id())).hasSize(2);
    }

    @Test
    default void givenHostChangedSinceTheCallerRead_whenPlannedOnTheHostsAsLocked_thenWrittenOnTopOfTheChange() {
        Host first = aHost().withInnerIp("10.30.0.1").build();
        Host second = aHost().withInnerIp("10.30.0.2").build();
        create(first, second);
        await(store().updateHost(updateOf(second, Map.of("bk_comment", "meanwhile"))));

        HostsWriteResult result = await(store().updateHosts(List.of(second.id(), first.id()), List.of(), (lockedModel, locked) -> Optional.of(
                locked.stream().map(host -> updateOf(host, Map.of("operator", "batch"))).toList())));

        assertThat(result).isInstanceOf(HostsWriteResult.AllWritten.class);
        Host secondNow = await(store().loadHosts(List.of(second.id()))).get(0);
        assertThat(secondNow.document()).containsEntry("bk_comment", "meanwhile").containsEntry("operator", "batch");
        assertThat(secondNow.version()).isEqualTo(second.version() + 2);
        assertThat(trail(second.id())).last().extracting(AuditRecord::preData).satisfies(preData ->
                assertThat(preData).containsEntry("bk_comment", "meanwhile").doesNotContainKey("operator"));
        assertThat(trail(first.id())).hasSize(2);
    }

    @Test
    default void givenHostsNamedOneOfThemMissing_whenThePlanWritesNothing_thenItGotThoseThatExistInIdOrderAndStale() {
        Host first = aHost().withInnerIp("10.31.0.1").build();
        Host second = aHost().withInnerIp("10.31.0.2").build();
        create(first, second);
        List<List<Host>> handed = new ArrayList<>();

        HostsWriteResult result = await(store().updateHosts(List.of(second.id(), HostId.of(999_999), first.id()),
                List.of(), (lockedModel, locked) -> {
                    handed.add(locked);
                    return Optional.empty();
                }));

        assertThat(result).isInstanceOf(HostsWriteResult.Stale.class);
        assertThat(handed).containsExactly(List.of(first, second));
        assertNothingWritten(first, second);
    }

    @Test
    default void givenAPlanThatRefuses_whenUpdating_thenItsRejectionAndNothingWritten() {
        Host host = aHost().withInnerIp("10.32.0.1").build();
        create(host);

        Failure failure = rejection(store().updateHosts(List.of(host.id()), List.of(), (lockedModel, locked) -> {
            throw RejectedException.because(new Failure.HostNotFound(host.id().value()));
        }));

        assertThat(failure).isEqualTo(new Failure.HostNotFound(host.id().value()));
        assertNothingWritten(host);
    }

    /** The port answers with what the plan threw: a fault of the caller's is not the store's to name. */
    @Test
    default void givenAPlanThatFails_whenUpdating_thenItsOwnExceptionAndNothingWritten() {
        Host host = aHost().withInnerIp("10.33.0.1").build();
        create(host);
        IllegalStateException planFault = new IllegalStateException("the plan's own fault");

        Throwable failure = Stages.outcome(store().updateHosts(List.of(host.id()), List.of(), (lockedModel, locked) -> {
            throw planFault;
        }));

        assertThat(failure).isSameAs(planFault);
        assertNothingWritten(host);
    }

    /** A plan writes only hosts it was handed, which the store holds locked: another it names is no write of the batch. */
    @Test
    default void givenAPlanWritingAHostNotNamed_whenUpdating_thenStaleAndNothingWritten() {
        Host named = aHost().withInnerIp("10.34.0.1").build();
        Host other = aHost().withInnerIp("10.34.0.2").build();
        create(named, other);

        HostsWriteResult result = await(store().updateHosts(List.of(named.id()), List.of(), (lockedModel, locked) -> Optional.of(List.of(
                withKeys(named, Map.of(HostFields.OUTER_IP, "34.34.34.1")), updateOf(other, Map.of("bk_comment", "not named"))))));

        assertThat(result).isInstanceOf(HostsWriteResult.Stale.class);
        assertNothingWritten(named, other);
    }

    /**
     * A clone planned under the locks (after its first write went stale): it copies from a host it was
     * handed, held as locked, whichever of the two has the lower id.
     */
    @Test
    default void givenAPlanCopyingFromAHostItWasHanded_whenUpdating_thenWrittenInEitherIdOrder() {
        Host lowerSource = aHost().withInnerIp("10.35.0.1").with("operator", "alice").build();
        Host higherDestination = aHost().withInnerIp("10.35.0.2").with("operator", "bob").build();
        Host lowerDestination = aHost().withInnerIp("10.35.0.3").with("operator", "carol").build();
        Host higherSource = aHost().withInnerIp("10.35.0.4").with("operator", "dave").build();
        create(lowerSource, higherDestination, lowerDestination, higherSource);
        HostUpdate upwards = copyOf(lowerSource, higherDestination);
        HostUpdate downwards = copyOf(higherSource, lowerDestination);

        HostsWriteResult first = await(store().updateHosts(List.of(lowerSource.id(), higherDestination.id()),
                List.of(), (lockedModel, locked) -> Optional.of(List.of(upwards))));
        HostsWriteResult second = await(store().updateHosts(List.of(higherSource.id(), lowerDestination.id()),
                List.of(), (lockedModel, locked) -> Optional.of(List.of(downwards))));

        assertThat(first).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(second).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(await(store().loadHosts(List.of(higherDestination.id(), lowerDestination.id())))).containsExactlyInAnyOrder(
                higherDestination.with(upwards.changes()), lowerDestination.with(downwards.changes()));
        assertThat(await(store().loadHosts(List.of(lowerSource.id(), higherSource.id()))))
                .containsExactlyInAnyOrder(lowerSource, higherSource);
    }

    /** A host copied from is held as locked too, so it must be one of those handed over, as a host written must. */
    @Test
    default void givenAPlanCopyingFromAHostNotNamed_whenUpdating_thenStaleAndNothingWritten() {
        Host source = aHost().withInnerIp("10.36.0.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.36.0.2").with("operator", "bob").build();
        create(source, destination);

        HostsWriteResult result = await(store().updateHosts(List.of(destination.id()),
                List.of(), (lockedModel, locked) -> Optional.of(List.of(copyOf(source, destination)))));

        assertThat(result).isInstanceOf(HostsWriteResult.Stale.class);
        assertNothingWritten(source, destination);
    }

    /** A clone's source is named only to be read: handed over with the destination, in id order, and copied from. */
    @Test
    default void givenAPlanCopyingFromAHostNamedOnlyToBeRead_whenUpdating_thenHandedInIdOrderAndWritten() {
        Host lowerSource = aHost().withInnerIp("10.37.0.1").with("operator", "alice").build();
        Host higherDestination = aHost().withInnerIp("10.37.0.2").with("operator", "bob").build();
        Host lowerDestination = aHost().withInnerIp("10.37.0.3").with("operator", "carol").build();
        Host higherSource = aHost().withInnerIp("10.37.0.4").with("operator", "dave").build();
        create(lowerSource, higherDestination, lowerDestination, higherSource);
        HostUpdate upwards = copyOf(lowerSource, higherDestination);
        HostUpdate downwards = copyOf(higherSource, lowerDestination);
        List<List<Host>> handed = new ArrayList<>();

        HostsWriteResult first = await(store().updateHosts(List.of(higherDestination.id()), List.of(lowerSource.id()),
                (lockedModel, locked) -> {
                    handed.add(locked);
                    return Optional.of(List.of(upwards));
                }));
        HostsWriteResult second = await(store().updateHosts(List.of(lowerDestination.id()), List.of(higherSource.id()),
                (lockedModel, locked) -> {
                    handed.add(locked);
                    return Optional.of(List.of(downwards));
                }));

        assertThat(first).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(second).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(handed).containsExactly(List.of(lowerSource, higherDestination), List.of(lowerDestination, higherSource));
        assertThat(await(store().loadHosts(List.of(higherDestination.id(), lowerDestination.id())))).containsExactlyInAnyOrder(
                higherDestination.with(upwards.changes()), lowerDestination.with(downwards.changes()));
        assertNothingWritten(lowerSource, higherSource);
    }

    /**
     * A host named only to be read is held so that it does not change, not so that the plan may write it:
     * on PostgreSQL its lock is shared, and writing it would take it again exclusively, out of id order.
     */
    @Test
    default void givenAPlanWritingAHostNamedOnlyToBeRead_whenUpdating_thenStaleAndNothingWritten() {
        Host source = aHost().withInnerIp("10.38.0.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.38.0.2").with("operator", "bob").build();
        create(source, destination);

        HostsWriteResult result = await(store().updateHosts(List.of(destination.id()), List.of(source.id()),
                (lockedModel, locked) -> Optional.of(List.of(copyOf(source, destination), updateOf(source, Map.of("bk_comment", "read only"))))));

        assertThat(result).isInstanceOf(HostsWriteResult.Stale.class);
        assertNothingWritten(source, destination);
    }

    @Test
    default void givenOneHostTwiceInABatch_whenTheSecondUpdateIsPlannedOnTheFirstsResult_thenBothWritten() {
        Host host = aHost().withInnerIp("10.23.0.1").build();
        create(host);
        HostUpdate once = updateOf(host, Map.of("bk_comment", "once"));
        HostUpdate twice = updateOf(host.with(once.changes()), Map.of("bk_comment", "twice"));

        HostsWriteResult result = await(updateAll(List.of(once, twice)));
        HostsWriteResult replanned = await(updateAll(List.of(updateOf(host, Map.of("bk_comment", "old")))));

        assertThat(result).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(await(store().loadHosts(List.of(host.id())))).containsExactly(host.with(once.changes()).with(twice.changes()));
        assertThat(trail(host.id())).hasSize(3);
        assertThat(replanned).isInstanceOf(HostsWriteResult.Stale.class);
    }

    @Test
    default void givenTwoHostsOfTheBatchTakingOneValue_whenUpdating_thenDuplicatedAndNothingWritten() {
        Host first = aHost().withInnerIp("10.24.0.1").build();
        Host second = aHost().withInnerIp("10.24.0.2").build();
        create(first, second);

        Failure failure = rejection(updateAll(List.of(
                withKeys(first, Map.of(HostFields.OUTER_IP, "9.9.9.9")), withKeys(second, Map.of(HostFields.OUTER_IP, "9.9.9.9")))));

        assertThat(failure).isEqualTo(new Failure.Duplicated(List.of(HostFields.OUTER_IP), List.of("9.9.9.9")));
        assertNothingWritten(first, second);
    }

    @Test
    default void givenAHostGivingUpAValue_whenAnotherTakesItLaterInTheBatch_thenAcceptedButNotTheOtherWayRound() {
        Host giver = aHost().withInnerIp("10.25.0.1").with(HostFields.OUTER_IP, "7.7.7.7").build();
        Host taker = aHost().withInnerIp("10.25.0.2").build();
        create(giver, taker);
        HostUpdate gives = withKeys(giver, Map.of(HostFields.OUTER_IP, "7.7.7.8"));
        HostUpdate takes = withKeys(taker, Map.of(HostFields.OUTER_IP, "7.7.7.7"));

        Failure tooEarly = rejection(updateAll(List.of(takes, gives)));
        assertNothingWritten(giver, taker);
        HostsWriteResult inOrder = await(updateAll(List.of(gives, takes)));

        assertThat(tooEarly).isEqualTo(new Failure.Duplicated(List.of(HostFields.OUTER_IP), List.of("7.7.7.7")));
        assertThat(inOrder).isInstanceOf(HostsWriteResult.AllWritten.class);
        Host another = aHost().withInnerIp("10.25.0.3").with(HostFields.OUTER_IP, "7.7.7.7").build();
        assertThat(rejection(store().createHosts(HostBuilder.MODEL.revision(), List.of(creationOf(another)))))
                .isEqualTo(new Failure.Duplicated(List.of(HostFields.OUTER_IP), List.of("7.7.7.7")));
    }

    @Test
    default void givenBatchMovingInnerIps_whenUpdating_thenTheIpIndexFollowsEveryHost() {
        Host first = aHost().withInnerIp("10.26.0.1").build();
        Host second = aHost().withInnerIp("10.26.0.2").build();
        create(first, second);

        HostsWriteResult result = await(updateAll(List.of(
                withKeys(first, Map.of(HostFields.INNER_IP, "10.26.0.3")),
                withKeys(second, Map.of(HostFields.INNER_IP, "10.26.0.4,10.26.0.1")))));

        assertThat(result).isInstanceOf(HostsWriteResult.AllWritten.class);
        List<Host> now = await(store().loadHosts(List.of(first.id(), second.id())));
        Host firstNow = now.stream().filter(host -> host.id().equals(first.id())).findFirst().orElseThrow();
        Host secondNow = now.stream().filter(host -> host.id().equals(second.id())).findFirst().orElseThrow();
        assertThat(found("10.26.0.3")).containsExactly(firstNow);
        assertThat(found("10.26.0.1")).containsExactly(secondNow);
        assertThat(found("10.26.0.4")).containsExactly(secondNow);
        assertThat(found("10.26.0.2")).isEmpty();
    }

    @Test
    default void givenBatchMovingAnIpv6AddressAndACloudArea_whenUpdating_thenTheIpIndexFollowsBoth() {
        Host readdressed = aHost().withInnerIp("10.28.0.1").withInnerIpV6(IpAddress.of("2001:db8::28:1").text()).build();
        Host moved = aHost().withInnerIp("10.28.0.2").build();
        create(readdressed, moved);

        HostsWriteResult result = await(updateAll(List.of(
                withKeys(readdressed, Map.of(HostFields.INNER_IP_V6, IpAddress.of("2001:db8::28:2").text())),
                withKeys(moved, Map.of(HostFields.CLOUD_ID, 28L)))));

        assertThat(result).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(found("2001:db8::28:2")).extracting(Host::id).containsExactly(readdressed.id());
        assertThat(found("2001:db8::28:1")).isEmpty();
        assertThat(found("10.28.0.1")).extracting(Host::id).containsExactly(readdressed.id());
        assertThat(found("10.28.0.2")).as("left the default area").isEmpty();
        assertThat(await(store().findHostsByInnerIp(CloudAreaId.of(28), List.of(IpAddress.of("10.28.0.2")))))
                .extracting(Host::id).containsExactly(moved.id());
    }

    @Test
    default void givenTwoHostsOfTheBatchTakingOneValueOnAnotherModelRevision_whenWriting_thenDuplicatedComesBeforeStale() {
        Host first = aHost().withInnerIp("10.29.0.1").build();
        Host second = aHost().withInnerIp("10.29.0.2").build();
        create(first, second);
        HostModel another = new HostModel(HostBuilder.MODEL.attributes(), HostBuilder.MODEL.uniqueRules(),
                HostBuilder.MODEL.revision() + 1);
        Host third = aHost().withInnerIp("10.29.0.3").with(HostFields.OUTER_IP, "5.5.5.5").build();
        Host fourth = aHost().withInnerIp("10.29.0.4").with(HostFields.OUTER_IP, "5.5.5.5").build();

        Failure updating = rejection(updateAll(List.of(
                updateOf(first, Map.of(HostFields.OUTER_IP, "6.6.6.6"), another),
                updateOf(second, Map.of(HostFields.OUTER_IP, "6.6.6.6"), another))));
        Failure creating = rejection(store().createHosts(another.revision(),
                List.of(creationOf(third, another), creationOf(fourth, another))));

        assertThat(updating).isEqualTo(new Failure.Duplicated(List.of(HostFields.OUTER_IP), List.of("6.6.6.6")));
        assertThat(creating).isEqualTo(new Failure.Duplicated(List.of(HostFields.OUTER_IP), List.of("5.5.5.5")));
        assertNothingWritten(first, second);
        assertThat(found("10.29.0.3")).isEmpty();
    }

    // ---- helpers

    /** Writes {@code updates} as they are, whatever the hosts are when locked: the store's own checks decide. */
    private CompletionStage<HostsWriteResult> updateAll(List<HostUpdate> updates) {
        return store().updateHosts(updates.stream().map(HostUpdate::host).toList(), List.of(), (lockedModel, locked) -> Optional.of(updates));
    }

    private void assertNothingWritten(Host... hosts) {
        for (Host host : hosts) {
            assertThat(await(store().loadHosts(List.of(host.id())))).containsExactly(host);
            assertThat(trail(host.id())).hasSize(1);
        }
    }

    private static HostUpdate withKeys(Host current, Map<String, Object> fields) {
        return updateOf(current, fields, HostBuilder.MODEL);
    }

    private void create(Host... hosts) {
        await(store().createHosts(HostBuilder.MODEL.revision(), Arrays.stream(hosts).map(HostBuilder::creationOf).toList()));
    }

    private List<Host> found(String ip) {
        return await(store().findHostsByInnerIp(CloudAreaId.DEFAULT, List.of(IpAddress.of(ip))));
    }

    private List<AuditRecord> trail(HostId host) {
        return await(store().loadAuditTrail(AuditRecord.HOST, host.value()));
    }
}
