package dev.hostclone.adapter.persistence;

import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.HostBuilder.creationOf;
import static dev.hostclone.adapter.persistence.HostBuilder.updateOf;
import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.Stages.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.out.ChangeHostModelPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadAuditTrailPort;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure.UniqueRuleOverlaps.Overlap;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeClashes;
import dev.hostclone.domain.model.AttributeType;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueKeys;
import dev.hostclone.domain.model.UniqueRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Changing the host model, in every store: each change raises the revision, a host write planned on
 * an older revision writes nothing, attributes never clash for a host, and a new unique rule holds
 * over every existing host or is not stored at all.
 */
public interface HostModelChangeContract<S extends LoadHostsPort & UpdateHostPort & CreateHostsPort
        & LoadHostModelPort & ChangeHostModelPort & LoadAuditTrailPort> {

    long SN = attributeId("bk_sn");
    long ASSET_ID = attributeId("bk_asset_id");
    /** The one built-in rule that may be deleted: {bk_host_outerip}. */
    long OUTER_IP_RULE = HostBuilder.MODEL.uniqueRules().stream().filter(rule -> !rule.builtIn()).findFirst().orElseThrow().id();
    /** When the new rules below were made: to the microsecond, as much as PostgreSQL keeps. */
    Instant MADE = Instant.parse("2026-12-07T18:45:12.345678Z");
    /** A new rule as the application hands it over: its id is the store's to assign. */
    UniqueRule SN_RULE = new UniqueRule(0, List.of(SN), false, false, MADE);

    S store();

    // ---- attributes

    @Test
    default void givenNewGlobalAttribute_whenCreated_thenItGetsANewIdAndTheRevisionRises() {
        HostModel before = model();
        Attribute wanted = attribute("rack", "Rack", null);

        Attribute created = await(store().createAttribute(wanted));
        HostModel after = model();

        assertThat(created.id()).isGreaterThan(before.attributes().stream().mapToLong(Attribute::id).max().orElseThrow());
        assertThat(created).isEqualTo(wanted.withId(created.id()));
        assertThat(after.attributeById(created.id())).contains(created);
        assertThat(after.revision()).isEqualTo(before.revision() + 1);
        Attribute field = await(store().createAttribute(attribute("slot", "Slot", 3L)));
        assertThat(field.id()).isGreaterThan(created.id());
        assertThat(model().attribute("slot", BusinessId.of(3))).contains(field);
        assertThat(model().revision()).isEqualTo(before.revision() + 2);
    }

    /** What BlueKing's callers send with an attribute comes back as sent, each kind of default as it was checked. */
    @Test
    default void givenAttributesWithDescriptionIndexAndDefault_whenCreated_thenTheyAreKept() {
        Attribute text = new Attribute(0, "owner_team", "Owner", "Owner (en)", "default", AttributeType.SINGLECHAR, null,
                true, false, false, false, false, null, "", "", "admin", HostBuilder.now(), "who answers for it", 3,
                "infra");
        Attribute number = new Attribute(0, "rack_units", "Units", "Units (en)", "default", AttributeType.INT,
                Map.of("min", 1L, "max", 48L), true, false, false, false, false, null, "", "", "admin", HostBuilder.now(),
                "", 0, 2L);
        Attribute decimal = new Attribute(0, "weight_kg", "Weight", "Weight (en)", "default", AttributeType.FLOAT,
                Map.of("min", 0.0, "max", 100.0), true, false, false, false, false, null, "", "", "admin", HostBuilder.now(),
                "", 0, 12.5);

        List<Attribute> created = List.of(await(store().createAttribute(text)), await(store().createAttribute(number)),
                await(store().createAttribute(decimal)));

        HostModel after = model();
        assertThat(created).allSatisfy(attribute -> assertThat(after.attributeById(attribute.id())).contains(attribute));
        assertThat(after.attribute("owner_team", null).orElseThrow())
                .extracting(Attribute::description, Attribute::index, Attribute::defaultValue)
                .containsExactly("who answers for it", 3L, "infra");
        assertThat(after.attribute("rack_units", null).orElseThrow().defaultValue()).isEqualTo(2L);
        assertThat(after.attribute("weight_kg", null).orElseThrow().defaultValue()).isEqualTo(12.5);
    }

    @Test
    default void givenAttributes_whenCreatingOneAHostWouldSeeTwice_thenDuplicatedAndTheModelUnchanged() {
        await(store().createAttribute(attribute("rack", "Rack", null)));
        await(store().createAttribute(attribute("slot", "Slot", 1L)));
        // no host sees the custom fields of two businesses
        await(store().createAttribute(attribute("slot", "Slot", 2L)));
        await(store().createAttribute(attribute("slot_name", "Slot", 3L)));
        HostModel before = model();
        String snName = before.attributeById(SN).orElseThrow().name();

        assertThat(rejection(store().createAttribute(attribute("bk_sn", "Another SN", null))))
                .as("a global attribute like a built-in one").isEqualTo(duplicated(AttributeClashes.PROPERTY_ID, "bk_sn"));
        assertThat(rejection(store().createAttribute(attribute("rack", "Rack of 4", 4L))))
                .as("a custom field like a global attribute").isEqualTo(duplicated(AttributeClashes.PROPERTY_ID, "rack"));
        assertThat(rejection(store().createAttribute(attribute("slot", "Global slot", null))))
                .as("a global attribute like a custom field").isEqualTo(duplicated(AttributeClashes.PROPERTY_ID, "slot"));
        assertThat(rejection(store().createAttribute(attribute("slot", "Slot again", 1L))))
                .as("two custom fields of one business").isEqualTo(duplicated(AttributeClashes.PROPERTY_ID, "slot"));
        assertThat(rejection(store().createAttribute(attribute("sn_copy", snName, 4L))))
                .as("a custom field named like a global attribute").isEqualTo(duplicated(AttributeClashes.PROPERTY_NAME, snName));
        assertThat(rejection(store().createAttribute(attribute("position", "Slot", null))))
                .as("a global attribute named like a custom field").isEqualTo(duplicated(AttributeClashes.PROPERTY_NAME, "Slot"));
        assertThat(model()).isEqualTo(before);
    }

    // ---- unique rules

    @Test
    default void givenHostsWithDistinctValues_whenCreatingAUniqueRule_thenStoredWithEveryHostsKeyAndTheRevisionRises() {
        create(aHost().withInnerIp("10.5.0.1").with("bk_sn", "SN-1").build(),
                aHost().withInnerIp("10.5.0.2").with("bk_sn", "SN-2").build(),
                aHost().withInnerIp("10.5.0.3").build());
        HostModel before = model();

        UniqueRule created = await(store().createUniqueRule(SN_RULE, keysUnder(before, SN_RULE)));
        HostModel after = model();

        assertThat(created.id()).isGreaterThan(before.uniqueRules().stream().mapToLong(UniqueRule::id).max().orElseThrow());
        assertThat(created).isEqualTo(SN_RULE.withId(created.id()));
        assertThat(after.uniqueRules()).containsExactlyElementsOf(before.withUniqueRule(created).uniqueRules());
        assertThat(after.revision()).isEqualTo(before.revision() + 1);
        HostCreation copy = creationOf(aHost().withInnerIp("10.5.0.4").with("bk_sn", "SN-1").build(), after);
        assertThat(rejection(store().createHosts(after.revision(), List.of(copy))))
                .isEqualTo(new Failure.Duplicated(List.of("bk_sn"), List.of("SN-1")));
        HostCreation fresh = creationOf(aHost().withInnerIp("10.5.0.5").with("bk_sn", "SN-3").build(), after);
        assertThat(await(store().createHosts(after.revision(), List.of(fresh)))).isInstanceOf(HostsWriteResult.AllWritten.class);
    }

    @Test
    default void givenHostsSharingValues_whenCreatingAUniqueRuleOverThem_thenRefusedNamingTheValuesAndNothingStored() {
        create(aHost().withInnerIp("10.6.0.1").with("bk_sn", "SN-1").with("bk_asset_id", "A-1").build(),
                aHost().withInnerIp("10.6.0.2").with("bk_sn", "SN-1").with("bk_asset_id", "A-2").build(),
                aHost().withInnerIp("10.6.0.3").with("bk_sn", "SN-1").with("bk_asset_id", "A-1").build());
        HostModel before = model();
        UniqueRule rule = new UniqueRule(0, List.of(SN, ASSET_ID), false, false, MADE);

        Failure failure = rejection(store().createUniqueRule(rule, keysUnder(before, rule)));

        assertThat(failure).isEqualTo(new Failure.ExistingDataViolatesRule(List.of("bk_sn", "bk_asset_id"), List.of("SN-1", "A-1")));
        assertThat(model()).isEqualTo(before);
        // no key was left behind: a fourth host with the same values is accepted on the unchanged model
        HostCreation another = creationOf(aHost().withInnerIp("10.6.0.4").with("bk_sn", "SN-1").with("bk_asset_id", "A-1").build(), before);
        assertThat(await(store().createHosts(before.revision(), List.of(another)))).isInstanceOf(HostsWriteResult.AllWritten.class);
    }

    /**
     * Two requests plan the same rule on one model (or a server's cached model is older than another's
     * rule): the store, under its lock, refuses the one that comes second as the planning would have.
     */
    @Test
    default void givenTheSameRulePlannedTwiceOnOneModel_whenBothAreCreated_thenTheSecondOverlapsTheFirst() {
        HostModel planned = model();
        UniqueRule first = await(store().createUniqueRule(SN_RULE, keysUnder(planned, SN_RULE)));
        HostModel afterFirst = model();
        UniqueRule wider = new UniqueRule(0, List.of(SN, ASSET_ID), false, false, MADE);

        Failure same = rejection(store().createUniqueRule(SN_RULE, keysUnder(planned, SN_RULE)));
        Failure superset = rejection(store().createUniqueRule(wider, keysUnder(planned, wider)));

        assertThat(same).isEqualTo(new Failure.UniqueRuleOverlaps(first.id(), Overlap.SAME));
        assertThat(superset).isEqualTo(new Failure.UniqueRuleOverlaps(first.id(), Overlap.EXISTING_IS_SUBSET));
        assertThat(model()).isEqualTo(afterFirst);
    }

    @Test
    default void givenDeletableRule_whenDeleted_thenItsKeysGoAndTheRevisionRisesOnlyOnce() {
        create(aHost().withInnerIp("10.7.0.1").with(HostFields.OUTER_IP, "8.8.8.8").build());
        HostModel before = model();

        boolean deleted = await(store().deleteUniqueRule(OUTER_IP_RULE));
        HostModel after = model();
        boolean deletedAgain = await(store().deleteUniqueRule(OUTER_IP_RULE));

        assertThat(deleted).isTrue();
        assertThat(after.uniqueRule(OUTER_IP_RULE)).isEmpty();
        assertThat(after.revision()).isEqualTo(before.revision() + 1);
        assertThat(deletedAgain).isFalse();
        assertThat(model()).isEqualTo(after);
        HostCreation sameOuterIp = creationOf(aHost().withInnerIp("10.7.0.2").with(HostFields.OUTER_IP, "8.8.8.8").build(), after);
        assertThat(await(store().createHosts(after.revision(), List.of(sameOuterIp)))).isInstanceOf(HostsWriteResult.AllWritten.class);
    }

    @Test
    default void givenTwoRulesOverAHost_whenOneIsDeleted_thenTheOtherStillHoldsItsValueAndReleasesItOnAChange() {
        Host holder = aHost().withInnerIp("10.9.0.1").with(HostFields.OUTER_IP, "4.4.4.4").with("bk_sn", "SN-9").build();
        create(holder);
        UniqueRule snRule = await(store().createUniqueRule(SN_RULE, keysUnder(model(), SN_RULE)));

        await(store().deleteUniqueRule(snRule.id()));
        HostModel now = model();
        HostCreation sameOuterIp = creationOf(aHost().withInnerIp("10.9.0.2").with(HostFields.OUTER_IP, "4.4.4.4").build(), now);
        Failure whileHeld = rejection(store().createHosts(now.revision(), List.of(sameOuterIp)));
        HostWriteResult change = await(store().updateHost(updateOf(holder, Map.of(HostFields.OUTER_IP, "4.4.4.5"), now)));
        HostsWriteResult afterTheChange = await(store().createHosts(now.revision(), List.of(sameOuterIp)));
        HostCreation sameSn = creationOf(aHost().withInnerIp("10.9.0.3").with("bk_sn", "SN-9").build(), now);

        assertThat(whileHeld).as("the other rule still holds").isEqualTo(duplicated(HostFields.OUTER_IP, "4.4.4.4"));
        assertThat(change).isInstanceOf(HostWriteResult.Written.class);
        assertThat(afterTheChange).as("released by the change").isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(await(store().createHosts(now.revision(), List.of(sameSn)))).as("the deleted rule holds nothing")
                .isInstanceOf(HostsWriteResult.AllWritten.class);
    }

    @Test
    default void givenTwoPairsOfHostsSharingValues_whenCreatingARuleOverThem_thenThePairOfTheLowestIdsIsNamed() {
        Host lowest = aHost().withInnerIp("10.11.0.1").with("bk_sn", "SN-LOW").build();
        Host second = aHost().withInnerIp("10.11.0.2").with("bk_sn", "SN-HIGH").build();
        Host third = aHost().withInnerIp("10.11.0.3").with("bk_sn", "SN-LOW").build();
        Host fourth = aHost().withInnerIp("10.11.0.4").with("bk_sn", "SN-HIGH").build();
        create(fourth, second, third, lowest);

        Failure failure = rejection(store().createUniqueRule(SN_RULE, keysUnder(model(), SN_RULE)));

        assertThat(failure).isEqualTo(new Failure.ExistingDataViolatesRule(List.of("bk_sn"), List.of("SN-LOW")));
    }

    @Test
    default void givenEachKindOfModelChange_whenHostWritesPlannedOnTheOldRevisionArrive_thenStaleAndNothingWritten() {
        Host host = aHost().withInnerIp("10.8.0.1").with("bk_sn", "SN-8").build();
        create(host);
        List<Function<HostModel, CompletionStage<?>>> changes = List.of(
                old -> store().createAttribute(attribute("rack", "Rack", null)),
                old -> store().createUniqueRule(SN_RULE, keysUnder(old, SN_RULE)),
                old -> store().deleteUniqueRule(OUTER_IP_RULE));
        int newcomers = 0;
        for (Function<HostModel, CompletionStage<?>> change : changes) {
            HostModel old = model();
            Host current = await(store().loadHosts(List.of(host.id()))).get(0);
            int records = trail(current.id()).size();
            await(change.apply(old));
            HostModel now = model();
            HostCreation newcomer = creationOf(aHost().withInnerIp("10.8.1." + ++newcomers).build(), old);

            HostWriteResult single = await(store().updateHost(updateOf(current, Map.of("bk_comment", "late"), old)));
            HostsWriteResult batch = await(store().updateHosts(List.of(current.id()),
                    List.of(), (lockedModel, locked) -> Optional.of(List.of(updateOf(locked.get(0), Map.of("bk_comment", "late"), old)))));
            HostsWriteResult created = await(store().createHosts(old.revision(), List.of(newcomer)));

            assertThat(now.revision()).isEqualTo(old.revision() + 1);
            assertThat(single).isInstanceOf(HostWriteResult.Stale.class);
            assertThat(batch).isInstanceOf(HostsWriteResult.Stale.class);
            assertThat(created).isInstanceOf(HostsWriteResult.Stale.class);
            assertThat(await(store().loadHosts(List.of(current.id(), newcomer.host().id())))).containsExactly(current);
            assertThat(trail(current.id())).hasSize(records);
            assertThat(trail(newcomer.host().id())).isEmpty();
            // planned anew, on the current revision, the same write goes through
            assertThat(await(store().updateHost(updateOf(current, Map.of("bk_comment", "on time"), now))))
                    .isInstanceOf(HostWriteResult.Written.class);
        }
    }

    /**
     * A write planned under the store's locks is planned on the model as they hold it, so a change made
     * after the caller read the model cannot make it stale. Until 2026-12-06 the plan got only the hosts,
     * and one planned on the model read before was stale whenever a change came first: under a steady
     * stream of changes, on PostgreSQL, until it gave up.
     */
    @Test
    default void givenModelChangedAfterTheCallerReadIt_whenPlannedUnderTheLocks_thenThePlanGetsTheModelAsLockedAndIsWritten() {
        Host host = aHost().withInnerIp("10.8.2.1").build();
        create(host);
        HostModel read = model();
        Attribute rack = await(store().createAttribute(attribute("locked_rack", "Locked rack", null)));
        List<HostModel> handed = new ArrayList<>();

        HostsWriteResult result = await(store().updateHosts(List.of(host.id()), List.of(), (lockedModel, locked) -> {
            handed.add(lockedModel);
            return Optional.of(List.of(updateOf(locked.get(0), Map.of("locked_rack", "R-7"), lockedModel)));
        }));

        assertThat(result).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(handed).singleElement().satisfies(model -> {
            assertThat(model.revision()).isEqualTo(read.revision() + 1).isEqualTo(model().revision());
            assertThat(model.attributes()).contains(rack);
        });
        assertThat(await(store().loadHosts(List.of(host.id())))).singleElement()
                .satisfies(stored -> assertThat(stored.document()).containsEntry("locked_rack", "R-7"));
    }

    /**
     * New hosts planned under the store's lock on the model are planned on the model as it holds it, so a
     * change made after the caller read the model cannot make them stale. Until 2026-12-06 every add was
     * planned on a model read before its write, and under a steady stream of changes, on PostgreSQL, it
     * kept finding a newer revision until it gave up.
     */
    @Test
    default void givenModelChangedAfterTheCallerReadIt_whenHostsAreCreatedPlannedUnderTheLock_thenPlannedOnTheModelAsLockedAndStored() {
        HostModel read = model();
        Attribute slot = await(store().createAttribute(attribute("locked_slot", "Locked slot", null)));
        Host host = aHost().withInnerIp("10.8.3.1").with("locked_slot", "S-2").build();
        List<HostModel> handed = new ArrayList<>();

        HostsWriteResult result = await(store().createHostsUnderModelLock(lockedModel -> {
            handed.add(lockedModel);
            return List.of(creationOf(host, lockedModel));
        }));

        assertThat(result).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(handed).singleElement().satisfies(model -> {
            assertThat(model.revision()).isEqualTo(read.revision() + 1).isEqualTo(model().revision());
            assertThat(model.attributes()).contains(slot);
        });
        assertThat(await(store().loadHosts(List.of(host.id())))).containsExactly(host);
        assertThat(trail(host.id())).hasSize(1);
    }

    @Test
    default void givenANewHostCollidingWithAStoredOne_whenCreatedPlannedUnderTheLock_thenDuplicatedAndNothingStored() {
        Host stored = aHost().withInnerIp("10.8.4.1").with(HostFields.OUTER_IP, "4.4.4.4").build();
        create(stored);
        Host fine = aHost().withInnerIp("10.8.4.2").build();
        Host colliding = aHost().withInnerIp("10.8.4.3").with(HostFields.OUTER_IP, "4.4.4.4").build();

        Failure failure = rejection(store().createHostsUnderModelLock(lockedModel ->
                List.of(creationOf(fine, lockedModel), creationOf(colliding, lockedModel))));

        assertThat(failure).isEqualTo(duplicated(HostFields.OUTER_IP, "4.4.4.4"));
        assertThat(await(store().loadHosts(List.of(fine.id(), colliding.id())))).isEmpty();
        assertThat(trail(fine.id())).isEmpty();
    }

    /** What the plan throws is the caller's own, and reaches it as thrown, not as a fault of the store's. */
    @Test
    default void givenAPlanThatThrows_whenHostsAreCreatedPlannedUnderTheLock_thenWhatItThrewAsThrownAndTheLockReleased() {
        IllegalStateException planFailed = new IllegalStateException("the plan's own failure");
        Host after = aHost().withInnerIp("10.8.5.1").build();

        Throwable thrown = Stages.outcome(store().createHostsUnderModelLock(lockedModel -> {
            throw planFailed;
        }));

        assertThat(thrown).isSameAs(planFailed);
        assertThat(await(store().createHostsUnderModelLock(lockedModel -> List.of(creationOf(after, lockedModel)))))
                .isInstanceOf(HostsWriteResult.AllWritten.class);
    }

    /**
     * Writers create hosts and change the values of others, planning each write on the model they
     * just read and planning anew when it is stale, while a rule over those values is created. However
     * the writes and the rule interleave, afterwards every host holds its key under the rule: a new
     * host with any host's value is refused.
     */
    @Test
    default void givenHostWritesRacingAUniqueRuleCreation_whenAllSettle_thenEveryHostHoldsItsKeyUnderTheNewRule() {
        int writers = 12;
        int writesPerWriter = 16;
        List<Host> initial = IntStream.range(0, 16)
                .mapToObj(i -> aHost().withInnerIp("10.9.0." + (i + 1)).with("bk_sn", "SN-initial-" + i).build())
                .toList();
        create(initial.toArray(Host[]::new));
        HostModel start = model();
        CompletableFuture<UniqueRule> rule = new CompletableFuture<>();
        List<HostId> created = new ArrayList<>();
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
            for (int j = 0; j < writesPerWriter; j++) {
                String sn = "SN-" + w + "-" + j;
                if (j % 2 == 0) {
                    Host host = aHost().withInnerIp("10.10." + w + "." + (j + 1)).with("bk_sn", sn).build();
                    created.add(host.id());
                    chain = chain.thenCompose(done -> createUntilWritten(host, 1));
                } else {
                    HostId target = initial.get((w * writesPerWriter + j) % initial.size()).id();
                    chain = chain.thenCompose(done -> setSnUntilWritten(target, sn, 1));
                }
                if (w == 0 && j == writesPerWriter / 2) {
                    // started from inside the writes, without waiting for it
                    chain = chain.thenRun(() -> store().createUniqueRule(SN_RULE, keysUnder(start, SN_RULE))
                            .whenComplete((stored, failure) -> {
                                if (failure != null) {
                                    rule.completeExceptionally(failure);
                                } else {
                                    rule.complete(stored);
                                }
                            }));
                }
            }
            chains.add(chain.toCompletableFuture());
        }
        await(CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)));
        UniqueRule stored = await(rule);

        HostModel after = model();
        assertThat(after.uniqueRules()).contains(stored);
        List<HostId> everyHost = new ArrayList<>(initial.stream().map(Host::id).toList());
        everyHost.addAll(created);
        List<Host> hosts = await(store().loadHosts(everyHost));
        assertThat(hosts).hasSameSizeAs(everyHost);
        int probe = 0;
        for (Host host : hosts) {
            Object sn = host.value("bk_sn");
            HostCreation copy = creationOf(aHost().withInnerIp("10.11." + probe / 250 + "." + (probe++ % 250 + 1))
                    .with("bk_sn", sn).build(), after);
            assertThat(rejection(store().createHosts(after.revision(), List.of(copy))))
                    .as("a copy of host %s's bk_sn", host.id())
                    .isEqualTo(new Failure.Duplicated(List.of("bk_sn"), List.of(sn)));
        }
    }

    // ---- helpers

    private CompletionStage<Void> createUntilWritten(Host host, int attempt) {
        if (attempt > 1_000) {
            return CompletableFuture.failedFuture(new AssertionError("no progress creating " + host.id()));
        }
        return store().loadHostModel()
                .thenCompose(model -> store().createHosts(model.revision(), List.of(creationOf(host, model))))
                .thenCompose(result -> result instanceof HostsWriteResult.AllWritten
                        ? CompletableFuture.<Void>completedFuture(null)
                        : createUntilWritten(host, attempt + 1));
    }

    private CompletionStage<Void> setSnUntilWritten(HostId target, String sn, int attempt) {
        if (attempt > 1_000) {
            return CompletableFuture.failedFuture(new AssertionError("no progress writing " + sn));
        }
        return store().loadHostModel()
                .thenCompose(model -> store().loadHosts(List.of(target))
                        .thenCompose(found -> store().updateHost(updateOf(found.get(0), Map.of("bk_sn", sn), model))))
                .thenCompose(result -> result instanceof HostWriteResult.Written
                        ? CompletableFuture.<Void>completedFuture(null)
                        : setSnUntilWritten(target, sn, attempt + 1));
    }

    private void create(Host... hosts) {
        HostModel model = model();
        await(store().createHosts(model.revision(), Arrays.stream(hosts).map(host -> creationOf(host, model)).toList()));
    }

    private HostModel model() {
        return await(store().loadHostModel());
    }

    private List<AuditRecord> trail(HostId host) {
        return await(store().loadAuditTrail(AuditRecord.HOST, host.value()));
    }

    /** The keys of {@code rule} as the application computes them: on the model it read, before the store assigns the rule's id. */
    static Function<Host, Collection<UniqueKey>> keysUnder(HostModel model, UniqueRule rule) {
        return host -> UniqueKeys.of(host.document(), rule, model);
    }

    /** A text attribute; global when {@code business} is null. */
    static Attribute attribute(String propertyId, String name, Long business) {
        return new Attribute(0, propertyId, name, name + " (en)", "default", AttributeType.SINGLECHAR, null, true, false,
                false, false, false, business == null ? null : BusinessId.of(business), "", "", "admin", HostBuilder.now());
    }

    private static Failure duplicated(String field, Object value) {
        return new Failure.Duplicated(List.of(field), List.of(value));
    }

    private static long attributeId(String propertyId) {
        return HostBuilder.MODEL.attributes().stream()
                .filter(attribute -> attribute.propertyId().equals(propertyId))
                .findFirst()
                .orElseThrow()
                .id();
    }
}
