package dev.hostclone.application.service;

import static dev.hostclone.domain.testing.HostBuilder.aHost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.ReportStaleWritePort;
import dev.hostclone.domain.access.AccessPolicy;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import dev.hostclone.domain.clone.FieldChange;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.testing.HostModels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CloneHostPropertyServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final BusinessId SHOP = BusinessId.of(2);
    private static final Actor ALICE = new Actor("app", "alice", "rid-1");
    private static final Actor MALLORY = new Actor("app", "mallory", "rid-2");

    private final Host source = aHost().withId(10).withInnerIp("10.0.0.1").inBusiness(2)
            .with("operator", "alice").with("bk_comment", "db primary").with("bk_asset_id", "A-10").build();
    private final Host destination = aHost().withId(11).withInnerIp("10.0.0.2").inBusiness(2)
            .with("operator", "bob").with("bk_asset_id", "A-11").build();
    private final FakeHosts hosts = new FakeHosts().with(source, destination);
    /** The stale writes the service reported as planned again. */
    private final List<ReportStaleWritePort.Writer> staleWrites = new CopyOnWriteArrayList<>();
    private final CloneHostPropertyService service = new CloneHostPropertyService(hosts, hosts, hosts,
            new Authorization(new BusinessMaintainerAuthorizer(new AccessPolicy(Set.of("admin")), this::business)),
            () -> NOW, staleWrites::add);

    @Test
    void givenDifferingHosts_whenCloningByIp_thenCloneableFieldsAreCopiedWithTheirOldValues() {
        CloneOutcome outcome = clone(ALICE, byIp("10.0.0.1", "10.0.0.2"));

        assertThat(outcome).isEqualTo(new CloneOutcome.Cloned(HostId.of(10), HostId.of(11), List.of(
                new FieldChange("operator", "bob", "alice"),
                new FieldChange("bk_comment", null, "db primary")), 1));
        assertThat(hosts.hosts.get(HostId.of(11)).document())
                .containsEntry("operator", "alice")
                .containsEntry("bk_comment", "db primary")
                .containsEntry("bk_asset_id", "A-11")
                .containsEntry("bk_host_innerip", "10.0.0.2");
    }

    @Test
    void givenClone_whenWriting_thenStampsAndAuditRecordGoWithTheChange() {
        clone(ALICE, byId(10, 11));

        HostUpdate update = hosts.written.get(0);
        assertThat(update.changes()).containsEntry("last_time", "2026-11-28T08:00:00Z")
                .containsEntry("bk_updated_at", "2026-11-28T08:00:00Z")
                .containsEntry("bk_updated_by", "alice");
        assertThat(update.audit().preData()).isEqualTo(destination.document());
        assertThat(update.audit().updateFields()).isEqualTo(Map.of("operator", "alice", "bk_comment", "db primary"));
        assertThat(update.audit().business()).isEqualTo(SHOP);
        assertThat(update.audit().requestId()).isEqualTo("rid-1");
        assertThat(update.uniqueKeys()).isNull();
    }

    @Test
    void givenSameIpOnBothSides_whenCloning_thenNothingIsReadOrWritten() {
        assertThat(clone(MALLORY, byIp("10.9.9.9", "10.9.9.9")))
                .isEqualTo(new CloneOutcome.NothingWritten(CloneOutcome.Reason.SAME_HOST_REQUESTED));
        assertThat(hosts.writeAttempts).isZero();
    }

    @Test
    void givenBothIpsOfOneHost_whenCloning_thenNothingIsWritten() {
        hosts.with(aHost().withId(12).withInnerIp("10.0.0.5,10.0.0.6").build());

        assertThat(clone(ALICE, byIp("10.0.0.5", "10.0.0.6")))
                .isEqualTo(new CloneOutcome.NothingWritten(CloneOutcome.Reason.SAME_HOST_RESOLVED));
        assertThat(hosts.writeAttempts).isZero();
    }

    @Test
    void givenNothingDiffers_whenCloning_thenNothingIsWritten() {
        clone(ALICE, byId(10, 11));

        assertThat(clone(ALICE, byId(10, 11)))
                .isEqualTo(new CloneOutcome.NothingWritten(CloneOutcome.Reason.ALREADY_EQUAL));
        assertThat(hosts.written).hasSize(1);
        assertThat(hosts.writeAttempts).as("the first clone's only").isEqualTo(1);
    }

    @Test
    void givenUserWithoutPermissions_whenCloning_thenBothMissingPermissionsAreNamedAndNothingWritten() {
        assertThat(failureOf(() -> clone(MALLORY, byId(10, 11)))).isEqualTo(new Failure.PermissionMissing(List.of(
                Permission.onBusiness(Action.FIND_BUSINESS_RESOURCE, SHOP),
                Permission.onHost(Action.EDIT_BIZ_HOST, SHOP, HostId.of(11)))));
        assertThat(hosts.writeAttempts).isZero();
    }

    /** Viewing the source is asked on the source's own business, not the destination's or the one requested. */
    @Test
    void givenASourceInABusinessTheUserDoesNotMaintain_whenCloning_thenViewingThatBusinessIsMissing() {
        hosts.with(aHost().withId(10).withInnerIp("10.0.0.1").inBusiness(3).build());

        assertThat(failureOf(() -> clone(ALICE, byId(10, 11)))).isEqualTo(new Failure.PermissionMissing(List.of(
                Permission.onBusiness(Action.FIND_BUSINESS_RESOURCE, BusinessId.of(3)))));
        assertThat(hosts.writeAttempts).isZero();
    }

    @Test
    void givenSourceInAnotherBusiness_whenCloning_thenSourceIsNamedFirstAndNothingWritten() {
        hosts.with(aHost().withId(10).withInnerIp("10.0.0.1").inBusiness(3).build(),
                aHost().withId(11).withInnerIp("10.0.0.2").inBusiness(3).build());

        assertThat(failureOf(() -> clone(new Actor("app", "admin", ""), byId(10, 11))))
                .isEqualTo(new Failure.HostNotInBusiness(10, 2));
        assertThat(hosts.writeAttempts).isZero();
    }

    @Test
    void givenDestinationInAnotherBusiness_whenCloning_thenDestinationIsNamedAndNothingWritten() {
        hosts.with(aHost().withId(11).withInnerIp("10.0.0.2").inBusiness(3).build());

        assertThat(failureOf(() -> clone(new Actor("app", "admin", ""), byId(10, 11))))
                .isEqualTo(new Failure.HostNotInBusiness(11, 2));
        assertThat(hosts.writeAttempts).isZero();
    }

    @Test
    void givenMaintainerOfHostsBusinessOnly_whenHostsAreInAnotherBusinessThanRequested_thenMembershipFailsAndNothingIsWritten() {
        hosts.with(aHost().withId(10).inBusiness(3).build(), aHost().withId(11).inBusiness(3).build());

        assertThat(failureOf(() -> clone(new Actor("app", "carol", ""), byId(10, 11))))
                .isEqualTo(new Failure.HostNotInBusiness(10, 2));
        assertThat(hosts.writeAttempts).isZero();
    }

    @Test
    void givenConcurrentWriteToDestination_whenCloning_thenPlanIsRedoneOnTheFreshState() {
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                Host current = fake.hosts.get(HostId.of(11));
                fake.hosts.put(current.id(), current.with(Map.of("bk_comment", "db primary", "bk_host_name", "web")));
            }
        };

        CloneOutcome outcome = clone(ALICE, byId(10, 11));

        assertThat(outcome).isEqualTo(new CloneOutcome.Cloned(HostId.of(10), HostId.of(11),
                List.of(new FieldChange("operator", "bob", "alice")), 1));
        assertThat(hosts.written.get(0).audit().preData()).containsEntry("bk_host_name", "web");
        assertThat(hosts.hosts.get(HostId.of(11)).document()).containsEntry("bk_host_name", "web");
    }

    @Test
    void givenConcurrentWriteToSource_whenCloning_thenTheDestinationGetsTheSourceAsItIsNow() {
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                Host current = fake.hosts.get(HostId.of(10));
                fake.hosts.put(current.id(), current.with(Map.of("operator", "dave")));
            }
        };

        CloneOutcome outcome = clone(ALICE, byId(10, 11));

        assertThat(outcome).isEqualTo(new CloneOutcome.Cloned(HostId.of(10), HostId.of(11),
                List.of(new FieldChange("operator", "bob", "dave"), new FieldChange("bk_comment", null, "db primary")), 1));
        assertThat(hosts.writeAttempts).isEqualTo(2);
        assertThat(hosts.written.get(0).copiedFrom()).isEqualTo(new HostUpdate.CopiedFrom(HostId.of(10), 2));
    }

    @Test
    void givenDestinationChangingBeforeEveryWrite_whenCloning_thenTheSecondAttemptIsPlannedAndWrittenUnderTheLocks() {
        hosts.beforeEachWrite = fake -> {
            Host current = fake.hosts.get(HostId.of(11));
            fake.hosts.put(current.id(), current.with(Map.of("bk_host_name", "web-" + fake.writeAttempts)));
        };

        CloneOutcome outcome = clone(ALICE, byId(10, 11));

        assertThat(outcome).isEqualTo(new CloneOutcome.Cloned(HostId.of(10), HostId.of(11), List.of(
                new FieldChange("operator", "bob", "alice"), new FieldChange("bk_comment", null, "db primary")), 1));
        assertThat(hosts.writeAttempts).isEqualTo(2);
        assertThat(hosts.lockedWrites).isEqualTo(1);
        assertThat(hosts.lockedReadOnly).as("the source, only read, held shared").containsExactly(List.of(HostId.of(10)));
        assertThat(hosts.written.get(0).audit().preData()).containsEntry("bk_host_name", "web-2");
        assertThat(hosts.hosts.get(HostId.of(11)).document())
                .containsEntry("bk_host_name", "web-2").containsEntry("operator", "alice");
    }

    /** The database rolls the attempt under the locks back (a deadlock between key claims): planned again, not lost. */
    @Test
    void givenTheLockedAttemptRolledBack_whenCloning_thenTheNextLockedAttemptIsWritten() {
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.touch(HostId.of(11), Map.of("bk_host_name", "web"));
            }
        };
        hosts.lockedWritesRolledBack = 1;

        CloneOutcome outcome = clone(ALICE, byId(10, 11));

        assertThat(outcome).isEqualTo(new CloneOutcome.Cloned(HostId.of(10), HostId.of(11), List.of(
                new FieldChange("operator", "bob", "alice"), new FieldChange("bk_comment", null, "db primary")), 1));
        assertThat(hosts.writeAttempts).isEqualTo(3);
        assertThat(hosts.lockedWrites).isEqualTo(2);
        assertThat(hosts.written).singleElement()
                .satisfies(written -> assertThat(written.audit().preData()).containsEntry("bk_host_name", "web"));
        assertThat(staleWrites).containsExactly(ReportStaleWritePort.Writer.CLONE_HOST_PROPERTY,
                ReportStaleWritePort.Writer.CLONE_HOST_PROPERTY);
    }

    /** Every attempt under the locks rolled back: the clone gives up after the last, and nothing is written. */
    @Test
    void givenEveryLockedAttemptRolledBack_whenCloning_thenItGivesUpAndNothingIsWritten() {
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.touch(HostId.of(11), Map.of("bk_host_name", "web"));
            }
        };
        hosts.lockedWritesRolledBack = Integer.MAX_VALUE;

        assertThat(failureOf(() -> clone(ALICE, byId(10, 11))))
                .isEqualTo(new Failure.WriteConflict(OptimisticRetry.MAX_ATTEMPTS));
        assertThat(hosts.written).isEmpty();
        assertThat(hosts.writeAttempts).isEqualTo(OptimisticRetry.MAX_ATTEMPTS);
        assertThat(staleWrites).hasSize(OptimisticRetry.MAX_ATTEMPTS - 1);
    }

    @Test
    void givenSourceAlreadyEqualUnderTheLocks_whenCloningAfterAStaleWrite_thenNothingIsWritten() {
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.touch(HostId.of(11), Map.of("operator", "alice", "bk_comment", "db primary"));
            }
        };

        assertThat(clone(ALICE, byId(10, 11)))
                .isEqualTo(new CloneOutcome.NothingWritten(CloneOutcome.Reason.ALREADY_EQUAL));
        assertThat(hosts.written).isEmpty();
    }

    @Test
    void givenDestinationMovedToAnotherBusinessBeforeTheWrite_whenCloning_thenMembershipFailsAndNothingIsWritten() {
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.hosts.put(HostId.of(11), aHost().withId(11).withInnerIp("10.0.0.2").inBusiness(3).atVersion(2).build());
            }
        };

        assertThat(failureOf(() -> clone(ALICE, byId(10, 11)))).isEqualTo(new Failure.HostNotInBusiness(11, 2));
        assertThat(hosts.written).isEmpty();
    }

    /** Until 2026-12-06 the locked attempt was planned on the model read before its locks, and this clone gave up (1199066). */
    @Test
    void givenModelChangingBeforeEveryWrite_whenCloning_thenTheAttemptUnderTheLocksIsWritten() {
        hosts.beforeEachWrite = FakeHosts::changeModel;

        CloneOutcome outcome = clone(ALICE, byId(10, 11));

        assertThat(outcome).isInstanceOf(CloneOutcome.Cloned.class);
        assertThat(hosts.writeAttempts).isEqualTo(2);
        assertThat(hosts.lockedWrites).isEqualTo(1);
        assertThat(hosts.written).singleElement()
                .satisfies(written -> assertThat(written.modelRevision()).isEqualTo(hosts.model.revision()));
        assertThat(staleWrites).containsExactly(ReportStaleWritePort.Writer.CLONE_HOST_PROPERTY);
    }

    @Test
    void givenModelChangingBetweenReadAndWrite_whenCloning_thenThePlanUnderTheLocksFollowsTheNewModel() {
        hosts.with(aHost().withId(10).withInnerIp("10.0.0.1").inBusiness(2).with("operator", "alice").with("rack", "r1").build());
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.model = fake.model.withAttribute(HostModels.customField(40, "rack", 2));
            }
        };

        CloneOutcome outcome = clone(ALICE, byId(10, 11));

        assertThat(outcome).isEqualTo(new CloneOutcome.Cloned(HostId.of(10), HostId.of(11), List.of(
                new FieldChange("operator", "bob", "alice"), new FieldChange("rack", null, "r1")), 1));
        assertThat(hosts.written.get(0).modelRevision()).isEqualTo(hosts.model.revision());
        assertThat(hosts.modelLoads).as("the locks hand the model over").isEqualTo(1);
        assertThat(staleWrites).containsExactly(ReportStaleWritePort.Writer.CLONE_HOST_PROPERTY);
    }

    /**
     * Gone before its first write, which finds it stale, and so before the attempt under the locks. No API deletes a
     * host; a database's operator may.
     */
    @Test
    void givenDestinationDeletedBeforeTheWrite_whenCloning_thenHostIsNotFoundAndNothingIsWritten() {
        hosts.beforeEachWrite = fake -> fake.hosts.remove(HostId.of(11));

        assertThat(failureOf(() -> clone(ALICE, byId(10, 11)))).isEqualTo(new Failure.HostNotFound(11));
        assertThat(hosts.written).isEmpty();
        assertThat(hosts.lockedWrites).as("the first write stale, then the host missing under the locks").isEqualTo(1);
    }

    private CompletionStage<Optional<Business>> business(BusinessId id) {
        return CompletableFuture.completedStage(Optional.of(
                new Business(id, Map.of("bk_biz_maintainer", id.value() == 2 ? "alice" : "carol"))));
    }

    private CloneOutcome clone(Actor actor, CloneHostPropertyCommand command) {
        return service.cloneHostProperty(actor, command).toCompletableFuture().join();
    }

    private static CloneHostPropertyCommand byIp(String source, String destination) {
        return CloneHostPropertyCommand.byInnerIp(SHOP, CloudAreaId.DEFAULT, IpAddress.of(source), IpAddress.of(destination));
    }

    private static CloneHostPropertyCommand byId(long source, long destination) {
        return CloneHostPropertyCommand.byHostId(SHOP, CloudAreaId.DEFAULT, HostId.of(source), HostId.of(destination));
    }

    private static Failure failureOf(Runnable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call::run);
        Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(RejectedException.class);
        return ((RejectedException) cause).failure();
    }
}
