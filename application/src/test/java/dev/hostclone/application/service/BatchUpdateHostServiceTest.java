package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ADMIN;
import static dev.hostclone.application.service.Fixtures.ALICE;
import static dev.hostclone.application.service.Fixtures.LAB;
import static dev.hostclone.application.service.Fixtures.NOW;
import static dev.hostclone.application.service.Fixtures.SHOP;
import static dev.hostclone.application.service.Fixtures.failureOf;
import static dev.hostclone.application.service.Fixtures.join;
import static dev.hostclone.domain.testing.HostBuilder.aHost;
import static dev.hostclone.domain.testing.HostModels.COSTLY_PATTERN;
import static dev.hostclone.domain.testing.HostModels.COSTLY_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.BatchUpdateHostCommand;
import dev.hostclone.application.port.in.BatchUpdateOutcome;
import dev.hostclone.application.port.in.HostPropertiesUpdate;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.ReportStaleWritePort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.AttributeType;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueRule;
import dev.hostclone.domain.testing.HostModels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BatchUpdateHostServiceTest {

    private final Host web = aHost().withId(10).withInnerIp("10.0.0.1").inBusiness(2)
            .with("operator", "bob").with("bk_host_outerip", "1.1.1.1").build();
    private final Host db = aHost().withId(11).withInnerIp("10.0.0.2").inBusiness(2).build();
    private final Host lab = aHost().withId(12).withInnerIp("10.0.0.3").inBusiness(3).build();
    private final FakeHosts hosts = new FakeHosts().with(web, db, lab);
    /** The stale writes the service reported as planned again. */
    private final List<ReportStaleWritePort.Writer> staleWrites = new CopyOnWriteArrayList<>();
    private final BatchUpdateHostService service = new BatchUpdateHostService(hosts, hosts, hosts,
            Fixtures.authorization(), () -> NOW, staleWrites::add);

    @Test
    void givenTwoHosts_whenUpdating_thenEachIsWrittenWithItsStampAndItsOwnAuditRecord() {
        BatchUpdateOutcome outcome = update(ALICE, entry(10, Map.of("operator", "alice", "bk_comment", " web ")),
                entry(11, Map.of("bk_cpu", 8L)));

        assertThat(outcome).isEqualTo(new BatchUpdateOutcome(List.of(
                new BatchUpdateOutcome.Updated(HostId.of(10), Map.of("operator", "alice", "bk_comment", "web"), 1),
                new BatchUpdateOutcome.Updated(HostId.of(11), Map.of("bk_cpu", 8L), 2))));
        assertThat(hosts.written).extracting(HostUpdate::host).containsExactly(HostId.of(10), HostId.of(11));
        HostUpdate first = hosts.written.get(0);
        assertThat(first.changes()).containsEntry("operator", "alice").containsEntry("bk_comment", "web")
                .containsEntry("last_time", "2026-11-28T08:00:00Z")
                .containsEntry("bk_updated_at", "2026-11-28T08:00:00Z")
                .containsEntry("bk_updated_by", "alice");
        assertThat(first.expectedVersion()).isEqualTo(web.version());
        assertThat(first.modelRevision()).isEqualTo(HostModels.standard().revision());
        assertThat(first.audit().action()).isEqualTo(AuditAction.UPDATE);
        assertThat(first.audit().preData()).isEqualTo(web.document());
        assertThat(first.audit().updateFields()).isEqualTo(Map.of("operator", "alice", "bk_comment", "web"));
        assertThat(first.audit().business()).isEqualTo(SHOP);
        assertThat(first.audit().requestId()).isEqualTo("rid-alice");
        assertThat(first.uniqueKeys()).isNull();
        assertThat(hosts.hosts.get(HostId.of(11)).document()).containsEntry("bk_cpu", 8L);
    }

    @Test
    void givenAFieldCleared_whenUpdating_thenTheOutcomeNamesItAsNull() {
        Map<String, Object> cleared = new java.util.HashMap<>();
        cleared.put("bk_comment", null);

        BatchUpdateOutcome outcome = update(ALICE, entry(10, cleared));

        assertThat(outcome.hosts()).singleElement().satisfies(updated -> {
            assertThat(updated.fields()).containsEntry("bk_comment", null);
            assertThat(updated.auditId()).isEqualTo(1);
        });
    }

    @Test
    void givenValuesAlreadyEqual_whenUpdating_thenTheHostIsStillWrittenAndAudited() {
        update(ALICE, entry(10, Map.of("operator", "bob")));

        assertThat(hosts.written).hasSize(1);
        assertThat(hosts.written.get(0).audit().updateFields()).isEqualTo(Map.of("operator", "bob"));
    }

    @Test
    void givenNewValueForAUniqueKeyField_whenUpdating_thenTheHostsKeysAreRecomputed() {
        update(ALICE, entry(10, Map.of("bk_host_outerip", "2.2.2.2")));

        assertThat(hosts.written.get(0).uniqueKeys()).filteredOn(key -> key.ruleId() == 4)
                .extracting(UniqueKey::values).containsExactly(List.of("2.2.2.2"));
    }

    @Test
    void givenCloudOrInnerIpOrNonEditableField_whenUpdating_thenItMayNotBeChangedAndNothingIsWritten() {
        for (String field : List.of("bk_cloud_id", "bk_host_innerip", "bk_asset_id")) {
            assertThat(failureOf(() -> service.batchUpdateHosts(ALICE, command(entry(10, Map.of(field, "x"))))))
                    .isEqualTo(new Failure.Forbidden("update[0].properties." + field, InvalidReason.NOT_WRITABLE, null));
        }
        assertThat(hosts.writeAttempts).isZero();
    }

    /** Named by its entry: the caller of a batch of 500 learns which failed. Until 2026-12-07, {@code bk_cpu} alone. */
    @Test
    void givenOneBadEntryAmongGoodOnes_whenUpdating_thenItsEntryIsNamedAndNothingIsWritten() {
        assertThat(failureOf(() -> service.batchUpdateHosts(ALICE,
                command(entry(10, Map.of("operator", "alice")), entry(11, Map.of("bk_cpu", "many"))))))
                .isEqualTo(new Failure.InvalidValue("update[1].properties.bk_cpu", InvalidReason.WRONG_TYPE_OR_OPTION, "many"));
        assertThat(hosts.written).isEmpty();
    }

    @Test
    void givenCustomFieldOfTheHostsBusiness_whenUpdating_thenItIsKnownOnlyForHostsOfThatBusiness() {
        hosts.model = hosts.model.withAttribute(HostModels.customField(40, "rack", 2));

        update(ADMIN, entry(10, Map.of("rack", "r1")));
        assertThat(failureOf(() -> service.batchUpdateHosts(ADMIN, command(entry(12, Map.of("rack", "r1"))))))
                .isEqualTo(new Failure.InvalidValue("update[0].properties.rack", InvalidReason.UNKNOWN_ATTRIBUTE, null));
        assertThat(hosts.written).as("only the first call's").hasSize(1);
    }

    /** The security review's batch in small: each value alone passes, two of them are past one request's budget. */
    @Test
    void givenTwoHostsWhosePatternedValuesTogetherExceedOneRequestsBudget_whenUpdating_thenTheSecondIsTooCostlyAndNothingIsWritten() {
        hosts.model = hosts.model.withAttribute(HostModels.patternedField(40, "evil", 2, COSTLY_PATTERN));

        assertThat(failureOf(() -> service.batchUpdateHosts(ALICE,
                command(entry(10, Map.of("evil", COSTLY_VALUE)), entry(11, Map.of("evil", COSTLY_VALUE))))))
                .isEqualTo(new Failure.InvalidValue("update[1].properties.evil", InvalidReason.PATTERN_TOO_COSTLY, COSTLY_VALUE));
        assertThat(hosts.writeAttempts).isZero();
    }

    @Test
    void givenTheSameCostlyValuesSentOneRequestEach_whenUpdating_thenEachRequestChecksOnABudgetOfItsOwn() {
        hosts.model = hosts.model.withAttribute(HostModels.patternedField(40, "evil", 2, COSTLY_PATTERN));

        update(ALICE, entry(10, Map.of("evil", COSTLY_VALUE)));
        update(ALICE, entry(11, Map.of("evil", COSTLY_VALUE)));

        assertThat(hosts.written).extracting(HostUpdate::host).containsExactly(HostId.of(10), HostId.of(11));
        assertThat(hosts.written).allSatisfy(written -> assertThat(written.changes()).containsEntry("evil", COSTLY_VALUE));
    }

    /** The locked model's check checks the same values again: on the first check's budget, a value it accepted would be refused. */
    @Test
    void givenModelChangeBetweenReadAndLocks_whenUpdatingACostlyValue_thenTheCheckUnderTheLocksHasABudgetOfItsOwn() {
        hosts.model = hosts.model.withAttribute(HostModels.patternedField(40, "evil", 2, COSTLY_PATTERN));
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.changeModel();
            }
        };

        update(ALICE, entry(10, Map.of("evil", COSTLY_VALUE)));

        assertThat(hosts.writeAttempts).isEqualTo(1);
        assertThat(hosts.written).singleElement()
                .satisfies(written -> assertThat(written.changes()).containsEntry("evil", COSTLY_VALUE));
    }

    @Test
    void givenMissingHost_whenUpdating_thenTheFirstMissingIsNotFound() {
        assertThat(failureOf(() -> service.batchUpdateHosts(ADMIN,
                command(entry(10, Map.of("operator", "x")), entry(98, Map.of("operator", "x")), entry(99, Map.of("operator", "x"))))))
                .isEqualTo(new Failure.HostNotFound(98));
        assertThat(hosts.writeAttempts).isZero();
        assertThat(hosts.written).isEmpty();
    }

    @Test
    void givenHostsOfABusinessTheUserDoesNotMaintain_whenUpdating_thenEveryMissingPermissionIsNamed() {
        Host otherLab = aHost().withId(13).withInnerIp("10.0.0.4").inBusiness(3).build();
        hosts.with(otherLab);

        assertThat(failureOf(() -> service.batchUpdateHosts(ALICE, command(entry(10, Map.of("operator", "x")),
                entry(12, Map.of("operator", "x")), entry(13, Map.of("operator", "x")))))).isEqualTo(
                new Failure.PermissionMissing(List.of(Permission.onHost(Action.EDIT_BIZ_HOST, LAB, HostId.of(12)),
                        Permission.onHost(Action.EDIT_BIZ_HOST, LAB, HostId.of(13)))));
        assertThat(hosts.writeAttempts).isZero();
    }

    @Test
    void givenConcurrentWriteToOneHost_whenUpdating_thenTheWriteIsPlannedOnTheFreshHostAtTheFirstAttempt() {
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.touch(HostId.of(11), Map.of("bk_host_name", "db-1"));
            }
        };

        update(ALICE, entry(10, Map.of("operator", "alice")), entry(11, Map.of("operator", "alice")));

        assertThat(hosts.writeAttempts).isEqualTo(1);
        assertThat(hosts.written.get(1).expectedVersion()).isEqualTo(db.version() + 1);
        assertThat(hosts.written.get(1).audit().preData()).containsEntry("bk_host_name", "db-1");
        assertThat(hosts.hosts.get(HostId.of(11)).document()).containsEntry("bk_host_name", "db-1")
                .containsEntry("operator", "alice");
    }

    @Test
    void givenNewValueOfAKeyFieldAndAConcurrentWriteOfTheOther_whenUpdating_thenTheKeysComeFromTheFreshHost() {
        hosts.model = HostModels.standard()
                .withUniqueRule(new UniqueRule(5, List.of(2L, 6L), false, false, HostModels.EPOCH));
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.touch(HostId.of(10), Map.of("bk_comment", "moved"));
            }
        };

        update(ALICE, entry(10, Map.of("bk_host_outerip", "2.2.2.2")));

        assertThat(hosts.written.get(0).uniqueKeys()).filteredOn(key -> key.ruleId() == 5)
                .extracting(UniqueKey::values).containsExactly(List.of("2.2.2.2", "moved"));
    }

    @Test
    void givenHostMovedToAnotherBusinessBeforeTheWrite_whenUpdating_thenItIsReadAuthorizedAndCheckedAgain() {
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.hosts.put(HostId.of(11), new Host(HostId.of(11), LAB, db.version() + 1, db.document()));
            }
        };

        assertThat(failureOf(() -> service.batchUpdateHosts(ALICE, command(entry(11, Map.of("operator", "alice"))))))
                .isEqualTo(new Failure.PermissionMissing(List.of(Permission.onHost(Action.EDIT_BIZ_HOST, LAB, HostId.of(11)))));
        assertThat(hosts.writeAttempts).isEqualTo(1);
        assertThat(hosts.written).isEmpty();
    }

    @Test
    void givenModelChangeBetweenReadAndLocks_whenUpdating_thenTheWriteIsPlannedOnTheModelAsLockedAtTheFirstAttempt() {
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.changeModel();
            }
        };

        update(ALICE, entry(10, Map.of("operator", "alice")));

        assertThat(hosts.writeAttempts).isEqualTo(1);
        assertThat(hosts.written.get(0).modelRevision()).isEqualTo(hosts.model.revision());
        assertThat(staleWrites).isEmpty();
    }

    @Test
    void givenEveryLockedAttemptRolledBack_whenUpdating_thenItGivesUpAndNothingIsWritten() {
        hosts.lockedWritesRolledBack = Integer.MAX_VALUE;

        assertThat(failureOf(() -> service.batchUpdateHosts(ALICE, command(entry(10, Map.of("operator", "alice")),
                entry(11, Map.of("operator", "alice"))))))
                .isEqualTo(new Failure.WriteConflict(OptimisticRetry.MAX_ATTEMPTS));
        assertThat(hosts.written).isEmpty();
        assertThat(hosts.writeAttempts).isEqualTo(OptimisticRetry.MAX_ATTEMPTS);
        assertThat(staleWrites).hasSize(OptimisticRetry.MAX_ATTEMPTS - 1);
    }

    /** Until 2026-12-06 each attempt was planned on the model read before its locks, and this batch gave up (1199066). */
    @Test
    void givenModelChangingBeforeEveryWrite_whenUpdating_thenItIsWrittenAtTheFirstAttempt() {
        hosts.beforeEachWrite = FakeHosts::changeModel;

        update(ALICE, entry(10, Map.of("operator", "alice")), entry(11, Map.of("operator", "alice")));

        assertThat(hosts.writeAttempts).isEqualTo(1);
        assertThat(hosts.written).extracting(HostUpdate::modelRevision).containsOnly(hosts.model.revision());
        assertThat(hosts.hosts.get(HostId.of(11)).document()).containsEntry("operator", "alice");
        assertThat(staleWrites).isEmpty();
    }

    /** Until 2026-12-06 the outcome named the values as checked before the locks, not those written. */
    @Test
    void givenAttributeRetypedBetweenReadAndLocks_whenUpdating_thenTheOutcomeNamesTheValuesWritten() {
        hosts.model = hosts.model.withAttribute(HostModels.attribute(40, "weight", AttributeType.INT, true));
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.model = new HostModel(fake.model.attributes().stream()
                        .map(attribute -> attribute.id() == 40
                                ? HostModels.attribute(40, "weight", AttributeType.FLOAT, true) : attribute)
                        .toList(), fake.model.uniqueRules(), fake.model.revision() + 1);
            }
        };

        BatchUpdateOutcome outcome = update(ALICE, entry(10, Map.of("weight", 8L)));

        assertThat(hosts.written.get(0).changes()).containsEntry("weight", 8.0);
        assertThat(outcome.hosts()).singleElement()
                .satisfies(updated -> assertThat(updated.fields()).isEqualTo(Map.of("weight", 8.0)));
    }

    @Test
    void givenUniqueRuleCreatedBetweenReadAndLocks_whenUpdatingAKeyField_thenTheKeysFollowTheModelAsLocked() {
        hosts.touch(HostId.of(10), Map.of("bk_comment", "rack 4"));
        hosts.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.model = fake.model.withUniqueRule(new UniqueRule(5, List.of(2L, 6L), false, false, HostModels.EPOCH));
            }
        };

        update(ALICE, entry(10, Map.of("bk_host_outerip", "2.2.2.2")));

        assertThat(hosts.writeAttempts).isEqualTo(1);
        assertThat(hosts.written.get(0).uniqueKeys()).filteredOn(key -> key.ruleId() == 5)
                .extracting(UniqueKey::values).containsExactly(List.of("2.2.2.2", "rack 4"));
    }

    private BatchUpdateOutcome update(Actor actor, HostPropertiesUpdate... entries) {
        return join(service.batchUpdateHosts(actor, command(entries)));
    }

    private static BatchUpdateHostCommand command(HostPropertiesUpdate... entries) {
        return new BatchUpdateHostCommand(List.of(entries));
    }

    private static HostPropertiesUpdate entry(long host, Map<String, Object> properties) {
        return new HostPropertiesUpdate(HostId.of(host), properties);
    }
}
